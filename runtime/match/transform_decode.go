package match

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rulec/rulec/diag"
)

// defaultInflateLimit is zlib_deflate's output cap without max-size.
const defaultInflateLimit = 64 << 10

// transformArgs reads "key value" options separated by commas (already
// validated by the compiler).
func transformArgs(arg string) map[string]string {
	out := map[string]string{}
	for _, item := range strings.Split(arg, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(item), " ")
		if k != "" {
			out[k] = strings.TrimSpace(v)
		}
	}
	return out
}

// fromBase64 decodes bytes bytes from offset: rfc4648 (the default) stops
// at the first byte outside the alphabet, rfc2045 skips such bytes, strict
// gives nothing when any is present.
func fromBase64(arg string) (transform, error) {
	a := transformArgs(arg)
	offset, err1 := atoiDefault(a["offset"], 0)
	n, err2 := atoiDefault(a["bytes"], -1)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("from_base64 %q: %w", arg, diag.ErrBadValue)
	}
	mode := a["mode"]
	return func(b []byte) []byte {
		if offset >= len(b) {
			return nil
		}
		b = b[offset:]
		if n >= 0 && n < len(b) {
			b = b[:n]
		}
		switch mode {
		case "rfc2045":
			kept := make([]byte, 0, len(b))
			for _, c := range b {
				if base64Value[c] != 0xff {
					kept = append(kept, c)
				}
			}
			b = kept
		case "strict":
			trimmed := bytes.TrimRight(b, "=")
			for _, c := range trimmed {
				if base64Value[c] == 0xff {
					return nil
				}
			}
		}
		return decodeBase64(b)
	}, nil
}

// zlibDeflate inflates zlib data (raw deflate when there is no zlib
// header), keeping at most max-size bytes; a corrupt stream gives what was
// inflated before the error.
func zlibDeflate(arg string) (transform, error) {
	limit, err := atoiDefault(transformArgs(arg)["max-size"], defaultInflateLimit)
	if err != nil || limit <= 0 {
		return nil, fmt.Errorf("zlib_deflate %q: %w", arg, diag.ErrBadValue)
	}
	return func(b []byte) []byte {
		var r io.Reader
		if zr, err := zlib.NewReader(bytes.NewReader(b)); err == nil {
			r = zr
		} else {
			r = flate.NewReader(bytes.NewReader(b))
		}
		out, _ := io.ReadAll(io.LimitReader(r, int64(limit)))
		return out
	}, nil
}

func atoiDefault(s string, def int) (int, error) {
	if s == "" {
		return def, nil
	}
	return strconv.Atoi(s)
}
