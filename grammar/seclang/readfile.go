package seclang

import (
	"fmt"
	"io"
	"os"

	"github.com/rulec/rulec/diag"
)

// ReadRegular reads the regular file name, refusing anything else
// (devices, fifos, sockets) and anything over limit bytes, which it never
// reads past.
func ReadRegular(name string, limit int) ([]byte, error) {
	// Stat before opening: opening a fifo would wait for a writer.
	if st, err := os.Stat(name); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%v)", name, st.Mode().Type())
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%v)", name, st.Mode().Type())
	}
	if st.Size() > int64(limit) {
		return nil, fmt.Errorf("%s: %d bytes: %w", name, st.Size(), diag.ErrLimit)
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%s: over %d bytes: %w", name, limit, diag.ErrLimit)
	}
	return data, nil
}
