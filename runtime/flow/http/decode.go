package http

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"sync"
)

// maxCodings is how many stacked content codings are undone, as
// Suricata's decompression layer limit.
const maxCodings = 2

// Decompressors keep a 32 KiB window each; they are reused.
var (
	gzipPool  sync.Pool
	zlibPool  sync.Pool
	flatePool sync.Pool
)

// decodeBody undoes the Content-Encoding of a body into at most limit
// bytes. A body that does not decode as announced is kept as it is, as
// libhtp passes through bodies with a wrong encoding header.
func decodeBody(encoding, raw []byte, limit int) []byte {
	var codings [][]byte
	for c := range bytes.SplitSeq(encoding, []byte(",")) {
		c = bytes.ToLower(trimSpace(c))
		if len(c) > 0 && !bytes.Equal(c, []byte("identity")) {
			codings = append(codings, c)
		}
	}
	out := raw
	for i := len(codings) - 1; i >= 0 && i >= len(codings)-maxCodings; i-- {
		var ok bool
		switch string(codings[i]) {
		case "gzip", "x-gzip":
			out, ok = gunzip(out, limit)
		case "deflate":
			out, ok = inflate(out, limit)
		}
		if !ok {
			break
		}
	}
	return out[:min(len(out), limit)]
}

// codingLayers counts the codings of a response's Content-Encoding as
// libhtp does before decompressing: a value naming one known coding is
// one, any other is split at commas and spaces, "identity" included.
func codingLayers(enc []byte) int {
	v := bytes.TrimRight(enc, "\x00")
	for _, one := range []string{"gzip", "x-gzip", "deflate", "x-deflate", "lzma", "br", "inflate", "none"} {
		if bytes.EqualFold(v, []byte(one)) {
			return 1
		}
	}
	n := 0
	for _, c := range bytes.FieldsFunc(enc, func(r rune) bool { return r == ',' || r == ' ' }) {
		if len(c) > 0 {
			n++
		}
	}
	return n
}

func gunzip(b []byte, limit int) ([]byte, bool) {
	var err error
	r, _ := gzipPool.Get().(*gzip.Reader)
	if r == nil {
		r, err = gzip.NewReader(bytes.NewReader(b))
	} else {
		err = r.Reset(bytes.NewReader(b))
	}
	if err != nil {
		return inflate(b, limit)
	}
	defer gzipPool.Put(r)
	return readUpTo(r, b, limit, false)
}

// inflate undoes "deflate", sent zlib-wrapped as specified or bare as
// some servers do.
func inflate(b []byte, limit int) ([]byte, bool) {
	var err error
	zr, _ := zlibPool.Get().(io.ReadCloser)
	if zr == nil {
		zr, err = zlib.NewReader(bytes.NewReader(b))
	} else {
		err = zr.(zlib.Resetter).Reset(bytes.NewReader(b), nil)
	}
	if zr != nil {
		defer zlibPool.Put(zr)
	}
	if err == nil {
		if out, ok := readUpTo(zr, b, limit, false); ok {
			return out, true
		}
	}
	fr, _ := flatePool.Get().(io.ReadCloser)
	if fr == nil {
		fr = flate.NewReader(bytes.NewReader(b))
	} else {
		fr.(flate.Resetter).Reset(bytes.NewReader(b), nil)
	}
	defer flatePool.Put(fr)
	return readUpTo(fr, b, limit, true)
}

// readUpTo reads at most limit bytes. A cut stream keeps what decoded; so
// does a corrupt one, unless strict: bare deflate has no header to vouch
// for it, and plain text often starts like a deflate block. A stream that
// decodes nothing falls back to in.
func readUpTo(r io.Reader, in []byte, limit int, strict bool) ([]byte, bool) {
	out := bytes.NewBuffer(make([]byte, 0, min(limit, 4*len(in)+512)))
	_, err := out.ReadFrom(io.LimitReader(r, int64(limit)))
	corrupt := err != nil && !errors.Is(err, io.ErrUnexpectedEOF)
	if out.Len() == 0 && len(in) > 0 || strict && corrupt {
		return in, false
	}
	return out.Bytes(), true
}
