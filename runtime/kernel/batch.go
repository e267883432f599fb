package kernel

import (
	"bytes"
	"errors"

	"github.com/cilium/ebpf"
)

// rows are map values of a size known only at load time.
type rows [][]byte

func (r rows) MarshalBinary() ([]byte, error) {
	return bytes.Join(r, nil), nil
}

// update writes keys[i] -> values[i] with one BPF_MAP_UPDATE_BATCH, or
// element by element where the map type has no batch operations.
func update[K, V any](m *ebpf.Map, keys []K, values []V) error {
	if len(keys) == 0 {
		return nil
	}
	var vs any = values
	if b, ok := vs.([][]byte); ok {
		vs = rows(b)
	}
	_, err := m.BatchUpdate(keys, vs, nil)
	if !errors.Is(err, ebpf.ErrNotSupported) {
		return err
	}
	for i := range keys {
		if err := m.Put(keys[i], values[i]); err != nil {
			return err
		}
	}
	return nil
}
