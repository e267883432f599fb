package http

import (
	"bytes"

	"github.com/rulec/rulec/runtime/filehash"
	"github.com/rulec/rulec/runtime/inspect"
)

// fileName is the name Suricata gives the file a message body carries: a
// response's Content-Disposition filename, else the request's URI path
// (normalised, without query), as HtpResponseBodyHandle and PUT bodies.
func (tx *Tx) fileName(resp bool) []byte {
	if resp {
		if cd, ok := tx.Response.Get("Content-Disposition"); ok {
			if name, ok := dispositionFilename(cd); ok {
				return name
			}
		}
	}
	return normalizePath(tx.URI)
}

// dispositionFilename finds the filename= parameter of a
// Content-Disposition value: ';'-separated tokens (a ';' inside quotes or
// escaped does not separate), the name matched case-insensitively, one
// pair of surrounding quotes removed.
func dispositionFilename(v []byte) ([]byte, bool) {
	const key = "filename="
	v = bytes.TrimLeft(v, " \t\r\n\v\f")
	quotes, start := 0, 0
	for x := 1; x < len(v); x++ {
		if v[x-1] != '\\' && v[x] == '"' {
			quotes++
		}
		last := x+1 == len(v)
		if !(v[x-1] != '\\' && v[x] == ';' || last) || quotes%2 != 0 {
			continue
		}
		end := x
		if last {
			end++
		}
		token := v[start:end]
		start = x + 1
		for start < len(v) && isSpace(v[start]) {
			start++
			x++
		}
		if len(token) > len(key) && hasPrefixFold(token, key) {
			val := token[len(key):]
			val = bytes.TrimPrefix(val, []byte(`"`))
			val = bytes.TrimSuffix(val, []byte(`"`))
			return val, true
		}
	}
	return nil, false
}

// bodyFile is the file a finished body carries, as Suricata's file
// tracking sees it: cut at the body limit, where it ends TRUNCATED, as
// does a body the stream ended early; its size is the (decoded) bytes
// tracked; its digests (hashes) are computed when every tracked byte was
// kept. Only sha256 is kept of a truncated file.
func bodyFile(m *Message, name []byte, limit int64, hashes filehash.Kinds) inspect.FileInfo {
	f := inspect.FileInfo{Name: name, Closed: true}
	enc, ok := m.Get("Content-Encoding")
	identity := !ok || bytes.EqualFold(trimSpace(enc), []byte("identity"))
	tracked := int64(len(m.Body))
	if identity {
		tracked = min(m.BodyLen, limit)
	}
	f.Size = uint64(tracked)
	f.Truncated = !m.Complete || identity && m.BodyLen > limit || !identity && tracked >= limit
	if int64(len(m.Body)) != tracked {
		return f // the memcap kept less than the file's bytes
	}
	f.Data = m.Body
	k := hashes
	if f.Truncated {
		k &= filehash.SHA256
	}
	f.Sums = filehash.Of(k, m.Body)
	return f
}

// addSums adds a closed file's digests (file.md5, file.sha1, file.sha256).
func addSums(bufs []buffer, f inspect.FileInfo) []buffer {
	if f.Truncated {
		return bufs
	}
	f.Sums.Each(true, func(name string, sum []byte) { bufs = add(bufs, "file."+name, sum, true) })
	return bufs
}
