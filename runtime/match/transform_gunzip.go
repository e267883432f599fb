package match

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"

	"github.com/rulec/rulec/diag"
)

// defaultGunzipLimit is Suricata's max-size of the decompression
// transforms when the rule gives none.
const defaultGunzipLimit = 1024

// gunzip decompresses gzip data, keeping at most max-size bytes. Data
// that is not gzip, or whose first read fails, gives an empty buffer, as
// Suricata's transform truncates the buffer on a decompression error.
func gunzip(arg string) (transform, error) {
	limit, err := atoiDefault(transformArgs(arg)["max-size"], defaultGunzipLimit)
	if err != nil || limit <= 0 {
		return nil, fmt.Errorf("gunzip %q: %w", arg, diag.ErrBadValue)
	}
	return func(b []byte) []byte {
		if len(b) == 0 {
			return b
		}
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil
		}
		out := make([]byte, limit)
		n, err := io.ReadFull(zr, out)
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return nil
		}
		return out[:n]
	}, nil
}
