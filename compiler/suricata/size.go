package suricata

import (
	"strconv"
	"strings"
)

// sizeValue reads a byte size as Suricata writes them: a number with an
// optional kb, mb or gb suffix (powers of 1024), case-insensitive.
func sizeValue(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for suffix, m := range map[string]int64{"kb": 1 << 10, "mb": 1 << 20, "gb": 1 << 30} {
		if strings.HasSuffix(t, suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, suffix)), m
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, badValue("size", s)
	}
	return n * mult, nil
}
