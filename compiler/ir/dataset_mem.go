package ir

// DefaultDatasetMemcap is Suricata's memcap of a set that sets none.
const DefaultDatasetMemcap = 16 << 20

// DatasetEntryBytes is what one value costs a set besides its bytes.
const DatasetEntryBytes = 64

// DatasetBytes is the memory values take in a set.
func DatasetBytes(values []string) int64 {
	var n int64
	for _, v := range values {
		n += int64(len(v)) + DatasetEntryBytes
	}
	return n
}

// MemcapOrDefault is the set's memory bound.
func (m *Dataset) MemcapOrDefault() int64 {
	if m.Memcap > 0 {
		return m.Memcap
	}
	return DefaultDatasetMemcap
}
