package match

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"maps"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// SaveDatasets writes every set that has a save or state file, as Suricata
// does at the end of a run, in the format its load reads (string values
// base64, md5/sha256 hex, addresses as text), sorted; each file is
// replaced whole (written beside it, then renamed).
func (e *Engine) SaveDatasets() error {
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(e.datasets)) {
		d := e.datasets[name]
		if d.save == "" {
			continue
		}
		d.mu.Lock()
		lines := make([]string, 0, len(d.vals))
		for v := range d.vals {
			lines = append(lines, encodeDatasetValue(d.typ, v))
		}
		d.mu.Unlock()
		slices.Sort(lines)
		if err := writeReplacing(d.save, strings.Join(lines, "\n")+"\n"); err != nil {
			errs = append(errs, fmt.Errorf("dataset %s: %w", name, err))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("saving datasets: %v", errs)
	}
	return nil
}

// encodeDatasetValue is v as a dataset file line.
func encodeDatasetValue(typ, v string) string {
	switch typ {
	case "string":
		return base64.StdEncoding.EncodeToString([]byte(v))
	case "md5", "sha256":
		return hex.EncodeToString([]byte(v))
	}
	if a, ok := netip.AddrFromSlice([]byte(v)); ok {
		return a.Unmap().String()
	}
	return hex.EncodeToString([]byte(v))
}

func writeReplacing(path, text string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".dataset-*")
	if err != nil {
		return err
	}
	if _, err := tmp.WriteString(text); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
