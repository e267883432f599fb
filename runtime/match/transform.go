package match

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	"github.com/rulec/rulec/runtime/match/internal/ascii"
	"github.com/rulec/rulec/runtime/match/pcre"
)

// transform rewrites a buffer; it returns a new slice and leaves its
// input alone.
type transform func([]byte) []byte

// simpleTransforms are the transformations without an argument.
var simpleTransforms = map[string]transform{
	"dotprefix":            dotPrefix,
	"to_lowercase":         ascii.ToLower,
	"to_uppercase":         ascii.ToUpper,
	"strip_whitespace":     stripWhitespace,
	"compress_whitespace":  compressWhitespace,
	"to_md5":               func(b []byte) []byte { s := md5.Sum(b); return s[:] },
	"to_sha1":              func(b []byte) []byte { s := sha1.Sum(b); return s[:] },
	"to_sha256":            func(b []byte) []byte { s := sha256.Sum256(b); return s[:] },
	"url_decode":           urlDecode,
	"header_lowercase":     headerLowercase,
	"strip_pseudo_headers": stripPseudoHeaders,
	"domain":               registrableDomain,
	"tld":                  publicSuffix,
}

// compileTransform returns the function of one transformation.
func compileTransform(t ir.Transform) (transform, error) {
	if f, ok := simpleTransforms[t.Name]; ok {
		return f, nil
	}
	switch t.Name {
	case "from_base64":
		return fromBase64(t.Arg)
	case "zlib_deflate":
		return zlibDeflate(t.Arg)
	case "gunzip":
		return gunzip(t.Arg)
	case "xor":
		key, err := hex.DecodeString(t.Arg)
		if err != nil || len(key) == 0 {
			return nil, fmt.Errorf("xor key %q, want hex bytes: %w", t.Arg, diag.ErrBadValue)
		}
		return func(b []byte) []byte { return xor(b, key) }, nil
	case "pcrexform":
		re, err := pcre.Compile(t.Arg, "")
		if err != nil {
			return nil, fmt.Errorf("pcrexform %q: %w", t.Arg, err)
		}
		return func(b []byte) []byte {
			if c, ok, err := re.Capture(b); ok && err == nil {
				return c
			}
			return b
		}, nil
	}
	return nil, fmt.Errorf("transformation %s: %w", t.Name, diag.ErrUnsupported)
}

// dotPrefix prepends a dot to a non-empty buffer, so that ".example.com"
// matches the domain and its subdomains only.
func dotPrefix(b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	return append([]byte{'.'}, b...)
}

func stripWhitespace(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		if !isSpace(c) {
			out = append(out, c)
		}
	}
	return out
}

// compressWhitespace keeps the first of each run of white space.
func compressWhitespace(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i, c := range b {
		if isSpace(c) && i > 0 && isSpace(b[i-1]) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// urlDecode decodes %HH escapes and + as a space; a % without two hex
// digits after it stays.
func urlDecode(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '%' && i+2 < len(b) && isHexDigit(b[i+1]) && isHexDigit(b[i+2]):
			out = append(out, byte(digitValue(b[i+1])<<4|digitValue(b[i+2])))
			i += 2
		case c == '+':
			out = append(out, ' ')
		default:
			out = append(out, c)
		}
	}
	return out
}

func isHexDigit(c byte) bool { return digitValue(c) < 16 }

func xor(b, key []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[i] = c ^ key[i%len(key)]
	}
	return out
}

// headerLowercase lower-cases header names: every line up to its colon.
func headerLowercase(b []byte) []byte {
	out := make([]byte, len(b))
	name := true
	for i, c := range b {
		switch {
		case name && c == ':':
			name = false
		case name:
			c = ascii.Lower(c)
		case c == '\n':
			name = true
		}
		out[i] = c
	}
	return out
}

// stripPseudoHeaders drops the lines that start with a colon, HTTP/2's
// pseudo-headers.
func stripPseudoHeaders(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line = b[:i+1]
		}
		if line[0] != ':' {
			out = append(out, line...)
		}
		b = b[len(line):]
	}
	return out
}
