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
// bytes, in a buffer from pool unless it returns raw. A body that does
// not decode as announced is kept as it is, as libhtp passes through
// bodies with a wrong encoding header.
func decodeBody(encoding, raw []byte, limit int, pool *Bodies) []byte {
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
		in := out
		switch string(codings[i]) {
		case "gzip", "x-gzip":
			out, ok = gunzip(in, limit, pool)
		case "deflate":
			out, ok = inflate(in, limit, pool)
		}
		if ok && !aliases(in, raw) {
			pool.put(in) // an inner layer's input, decoded
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

func gunzip(b []byte, limit int, pool *Bodies) ([]byte, bool) {
	var err error
	r, _ := gzipPool.Get().(*gzip.Reader)
	if r == nil {
		r, err = gzip.NewReader(bytes.NewReader(b))
	} else {
		err = r.Reset(bytes.NewReader(b))
	}
	if err != nil {
		return inflate(b, limit, pool)
	}
	defer gzipPool.Put(r)
	return readUpTo(r, b, limit, false, pool)
}

// inflate undoes "deflate", sent zlib-wrapped as specified or bare as
// some servers do.
func inflate(b []byte, limit int, pool *Bodies) ([]byte, bool) {
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
		if out, ok := readUpTo(zr, b, limit, false, pool); ok {
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
	return readUpTo(fr, b, limit, true, pool)
}

// readUpTo reads at most limit bytes. A cut stream keeps what decoded; so
// does a corrupt one, unless strict: bare deflate has no header to vouch
// for it, and plain text often starts like a deflate block. A stream that
// decodes nothing falls back to in. The bytes read are in a buffer from
// pool, which goes back there when they are not returned.
func readUpTo(r io.Reader, in []byte, limit int, strict bool, pool *Bodies) ([]byte, bool) {
	out := pool.get(min(limit, 4*len(in)+512))
	var err error
	for len(out) < limit && err == nil {
		if len(out) == cap(out) {
			grown := append(pool.get(min(limit, 2*cap(out))), out...)
			pool.put(out)
			out = grown
		}
		var n int
		n, err = r.Read(out[len(out):min(cap(out), limit)])
		out = out[:len(out)+n]
	}
	corrupt := err != nil && err != io.EOF && !errors.Is(err, io.ErrUnexpectedEOF)
	if len(out) == 0 && len(in) > 0 || strict && corrupt {
		pool.put(out)
		return in, false
	}
	return out, true
}
