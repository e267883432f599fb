package rollout

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"

	"github.com/rulec/rulec/codegen/object"
)

// maxObject bounds the object file a watcher reads.
const maxObject = 512 << 20

// Watcher reads the object at Path whenever its content changes.
type Watcher struct {
	Path   string
	Verify ed25519.PublicKey // when set, only objects signed by its key load
	seen   string            // digest of the content last handed out or refused
}

// NewWatcher returns a watcher that takes the content at path now as seen.
func NewWatcher(path string, verify ed25519.PublicKey) (*Watcher, string, error) {
	w := &Watcher{Path: path, Verify: verify}
	data, err := w.read()
	if err != nil {
		return nil, "", err
	}
	w.seen = Digest(data)
	return w, w.seen, nil
}

// Digest is the hex SHA-256 of an object file, what sha256sum prints.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func (w *Watcher) read() ([]byte, error) {
	st, err := os.Stat(w.Path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || st.Size() > maxObject {
		return nil, fmt.Errorf("%s: not a regular file of at most %d bytes", w.Path, maxObject)
	}
	return os.ReadFile(w.Path)
}

// Poll reports a changed object: its digest and the decoded object, or the
// error that refuses it. A content is reported once, loaded or refused; an
// unreadable path (a swap in progress) is not a change.
func (w *Watcher) Poll() (digest string, o *object.Object, changed bool, err error) {
	data, rerr := w.read()
	if rerr != nil {
		return "", nil, false, nil
	}
	d := Digest(data)
	if d == w.seen {
		return d, nil, false, nil
	}
	w.seen = d
	o, err = object.DecodeVerified(data, w.Verify)
	if err != nil {
		return d, nil, true, fmt.Errorf("%s (sha256 %s): %w", w.Path, d[:12], err)
	}
	return d, o, true, nil
}

// Seen takes the content with digest as handed out: it is loaded already.
func (w *Watcher) Seen(digest string) { w.seen = digest }
