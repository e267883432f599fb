package suricata

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rulec/rulec/diag"
)

// maxDataFile bounds a dataset or datarep file: a regular file of at most
// 64 MiB, so a device or a huge file cannot exhaust memory at load.
const maxDataFile = 64 << 20

// eachDataLine calls fn with every line of the data file at path that is
// neither blank nor a comment, trimmed, with its 1-based line number.
func eachDataLine(path string, fn func(n int, line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() || st.Size() > maxDataFile {
		return fmt.Errorf("%s: want a regular file of at most %d bytes: %w", path, maxDataFile, diag.ErrLimit)
	}
	sc := bufio.NewScanner(io.LimitReader(f, maxDataFile))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return sc.Err()
}
