package sink

import (
	"fmt"
	"os"
)

type file struct {
	path string
	f    *os.File
}

func openFile(path string) (*file, error) {
	f := &file{path: path}
	return f, f.reopen()
}

func (f *file) reopen() error {
	nf, err := os.OpenFile(f.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return fmt.Errorf("EVE file: %w", err)
	}
	if f.f != nil {
		f.f.Close()
	}
	f.f = nf
	return nil
}

func (f *file) send(rec []byte) error {
	if _, err := f.f.Write(rec); err != nil {
		return fmt.Errorf("%w: %w", errFatal, err)
	}
	return nil
}

func (f *file) Close() error { return f.f.Close() }
