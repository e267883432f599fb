package flow

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
)

// FileStore is Suricata's file-store (version 2) output: a file to store
// is written to Dir/xx/SHA256 (xx its first two hex digits), with
// WriteInfo its fileinfo record beside it as SHA256.SECONDS.ID.json.
// Force stores every file (force-filestore); otherwise a filestore rule
// marks the files to store. MaxBytes bounds the bytes written by a run;
// files past it are not stored and counted. One FileStore is shared by
// every worker.
type FileStore struct {
	Dir       string
	Force     bool
	WriteInfo bool
	MaxBytes  int64
	// StreamDepth is file-store stream-depth: how far a filestore rule
	// matching a file lifts its body limit when over
	// stream.reassembly.depth (else that depth is); 0 when unset.
	StreamDepth int

	mu      sync.Mutex
	nextID  uint64
	written int64
}

// NewFileStore is the file store of a suricata.yaml's file-store output,
// writing to dir.
func NewFileStore(dir string, c eve.FileStoreConfig) (*FileStore, error) {
	s := &FileStore{Dir: dir, Force: c.Force, WriteInfo: c.WriteInfo}
	if c.StreamDepth != "" && c.StreamDepth != "no" {
		n, err := ParseSize(c.StreamDepth)
		if err != nil {
			return nil, fmt.Errorf("file-store stream-depth: %w", err)
		}
		s.StreamDepth = n
	}
	return s, nil
}

// storeDepth is how far a filestore rule matching a file lifts its body
// limit under c (Suricata's FileReassemblyDepth): the file store's
// stream-depth when over stream.reassembly.depth, else that depth; an
// unbounded depth is bounded by the HTTP memcap.
func (c *Config) storeDepth() int {
	d := c.StreamDepth
	if c.FileStore != nil && (d > 0 && c.FileStore.StreamDepth > d) {
		d = c.FileStore.StreamDepth
	}
	if d == 0 {
		d = c.HTTPMemcap
	}
	return d
}

// DefaultFileStoreBytes bounds what a run stores when MaxBytes is unset.
const DefaultFileStoreBytes = 1 << 30

// store writes a file's bytes; it returns the file's store id, or an
// error when the file is not stored (budget, filesystem).
func (s *FileStore) store(sha256 []byte, data []byte) (uint64, error) {
	limit := s.MaxBytes
	if limit <= 0 {
		limit = DefaultFileStoreBytes
	}
	s.mu.Lock()
	if s.written+int64(len(data)) > limit {
		s.mu.Unlock()
		return 0, fmt.Errorf("file store: %d bytes written, budget %d: %w", s.written, limit, errStoreFull)
	}
	s.written += int64(len(data))
	s.nextID++
	id := s.nextID
	s.mu.Unlock()
	name := hex.EncodeToString(sha256)
	dir := filepath.Join(s.Dir, name[:2])
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	return id, os.WriteFile(filepath.Join(dir, name), data, 0o644)
}

// writeInfo writes a stored file's fileinfo record beside it.
func (s *FileStore) writeInfo(sha256 []byte, ts time.Time, id uint64, record []byte) error {
	name := hex.EncodeToString(sha256)
	return os.WriteFile(filepath.Join(s.Dir, name[:2], fmt.Sprintf("%s.%d.%d.json", name, ts.Unix(), id)), record, 0o644)
}

// storeFile stores a file the store takes (forced, or marked by a
// filestore rule) when its bytes are all there and it has a sha256,
// setting stored and file_id in its fileinfo section; a file that should
// be stored and is not is counted.
func (t *Tracker) storeFile(file inspect.FileInfo, info map[string]any) (uint64, bool) {
	s := t.cfg.FileStore
	if s == nil || !(s.Force || file.Store) {
		return 0, false
	}
	sha := file.Sums[2]
	if sha == nil || uint64(len(file.Data)) != file.Size {
		t.stats.FilesNotStored++
		return 0, false
	}
	id, err := s.store(sha, file.Data)
	if err != nil {
		t.stats.FilesNotStored++
		return 0, false
	}
	info["stored"], info["file_id"] = true, id
	return id, true
}

// storeInfo writes the fileinfo record u of a stored file beside it.
func (t *Tracker) storeInfo(u *inspect.Unit, sha []byte, id uint64) {
	s := t.cfg.FileStore
	if !s.WriteInfo {
		return
	}
	data, err := json.Marshal(eve.RecordEvent(u))
	if err == nil {
		err = s.writeInfo(sha, u.TS, id, append(data, '\n'))
	}
	if err != nil {
		t.stats.FilesNotStored++
	}
}
