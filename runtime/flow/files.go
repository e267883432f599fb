package flow

import (
	"encoding/hex"

	"github.com/rulec/rulec/runtime/filehash"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/magic"
)

// fileFacts is what a unit shows of one file a transaction carries.
type fileFacts struct {
	name, data []byte
	size       uint64
	closed     bool
	sums       filehash.Sums
}

// addFile adds a file's instances of the file buffers (file.name,
// file.data, file.magic, and once it is closed the digests computed:
// file.md5, file.sha1, file.sha256) and, once the file is closed, its
// size for filesize. The magic is known, as Suricata looks it up, once
// the file has magic.MinSize bytes or is closed.
func addFile(u *inspect.Unit, f fileFacts) {
	u.Files = append(u.Files, inspect.FileInfo{Name: f.name, Size: f.size, Closed: f.closed, Sums: f.sums})
	u.AddBuffer("file.name", f.name)
	if len(f.data) > 0 {
		u.AddBuffer("file.data", f.data)
	}
	if len(f.data) > 0 && (f.closed || f.size >= magic.MinSize) {
		u.AddBuffer("file.magic", []byte(magic.Describe(f.data)))
	}
	if f.closed {
		f.sums.Each(true, func(name string, sum []byte) { u.AddBuffer("file."+name, sum) })
		if u.Codes == nil {
			u.Codes = map[string][]int64{}
		}
		u.Codes["filesize"] = append(u.Codes["filesize"], int64(f.size))
	}
}

// fileRecord writes the fileinfo record of a file of transaction tx
// (unit numbering, from 1) in direction d: the file (Suricata's
// EveFileInfo: its digests of those computed, not stored) with its
// transaction's sections.
func (t *Tracker) fileRecord(f *flowState, d inspect.Dir, tx uint64, sections map[string]map[string]any,
	file inspect.FileInfo, state string) {
	u := t.plainUnit(f, inspect.KindApp, d)
	u.Tx = tx
	u.Fields = make(map[string]map[string]any, len(sections)+1)
	for k, v := range sections {
		u.Fields[k] = v
	}
	info := map[string]any{"filename": string(file.Name), "gaps": false, "state": state, "stored": false,
		"size": file.Size, "tx_id": tx - 1}
	file.Sums.Each(state == "CLOSED", func(name string, sum []byte) { info[name] = hex.EncodeToString(sum) })
	if len(file.SIDs) > 0 && t.cfg.FileStore != nil {
		info["sid"] = file.SIDs
	}
	id, stored := t.storeFile(file, info)
	u.Fields["fileinfo"] = info
	if stored {
		t.storeInfo(u, file.Sums[2], id)
	}
	t.record(u)
}
