package live

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// maxRingSize bounds the event ring buffer.
const maxRingSize = 1 << 30

// ParseRingSize reads a ring-buffer size: bytes, or a number with K, M or
// G (KiB, MiB, GiB) after it, e.g. "16M". It must be a power of two, at
// least a page and at most 1 GiB.
func ParseRingSize(s string) (int, error) {
	num, mult := strings.TrimSpace(s), 1
	for _, u := range []struct {
		suffix string
		mult   int
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}} {
		if n, ok := strings.CutSuffix(num, u.suffix); ok {
			num, mult = n, u.mult
			break
		}
	}
	n, err := strconv.Atoi(num)
	if err != nil || n <= 0 || n > maxRingSize/mult {
		return 0, fmt.Errorf("ring size %q: want bytes, or a number with K, M or G, up to 1G", s)
	}
	return n * mult, checkRingSize(n * mult)
}

func checkRingSize(n int) error {
	page := os.Getpagesize()
	if n < page || n > maxRingSize || n&(n-1) != 0 {
		return fmt.Errorf("ring size %d: want a power of two from the page size (%d) to 1G", n, page)
	}
	return nil
}
