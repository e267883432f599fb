package http2

import (
	"bytes"
	"encoding/base64"
	"reflect"
	"testing"

	"golang.org/x/net/http2/hpack"
)

func frame(ftype, flags uint8, sid uint32, body []byte) []byte {
	n := len(body)
	b := []byte{byte(n >> 16), byte(n >> 8), byte(n), ftype, flags, byte(sid >> 24), byte(sid >> 16), byte(sid >> 8), byte(sid)}
	return append(b, body...)
}

func block(enc *hpack.Encoder, buf *bytes.Buffer, kv ...string) []byte {
	buf.Reset()
	for i := 0; i < len(kv); i += 2 {
		enc.WriteField(hpack.HeaderField{Name: kv[i], Value: kv[i+1]})
	}
	return bytes.Clone(buf.Bytes())
}

func settings(kv ...uint32) []byte {
	var b []byte
	for i := 0; i < len(kv); i += 2 {
		b = append(b, byte(kv[i]>>8), byte(kv[i]), byte(kv[i+1]>>24), byte(kv[i+1]>>16), byte(kv[i+1]>>8), byte(kv[i+1]))
	}
	return b
}

// A request and its response on stream 1, SETTINGS on stream 0: each
// stream-0 frame is a transaction complete at once (a zero-length
// SETTINGS, an acknowledgement, is none); the stream closes once both
// sides ended it; the record has the decoded headers, the common fields
// and the http2 object. A header block split over CONTINUATION frames is
// decoded whole; the HPACK dynamic table carries across blocks.
func TestStream(t *testing.T) {
	p := NewParser()
	var cb, sb bytes.Buffer
	ce, se := hpack.NewEncoder(&cb), hpack.NewEncoder(&sb)
	req := block(ce, &cb, ":method", "GET", ":path", "/index.html", ":authority", "example.com", "user-agent", "ua/1")
	cs := append([]byte(Preface), frame(TypeSettings, 0, 0, settings(3, 100, 4, 65535, 7, 1, 5, 16384))...)
	cs = append(cs, frame(TypeHeaders, flagEndHeaders|flagEndStream, 1, req)...)
	txs := p.Feed(true, cs[:30])
	if len(txs) != 0 || p.Failed {
		t.Fatalf("partial: %v", txs)
	}
	txs = p.Feed(true, cs[30:])
	if len(txs) != 2 || txs[0].State != StateGlobal || txs[1].State != StateHalfClosedClient {
		t.Fatalf("client: %+v", txs)
	}
	rec := Record(txs[0])
	want := []any{map[string]any{"settings_id": "SETTINGSMAXCONCURRENTSTREAMS", "settings_value": uint32(100)},
		map[string]any{"settings_id": "SETTINGSINITIALWINDOWSIZE", "settings_value": uint32(65535)}}
	if got := rec["http2"].(map[string]any)["request"].(map[string]any)["settings"]; !reflect.DeepEqual(got, want) {
		t.Errorf("settings (an unknown id ends the list): %v", got)
	}
	resp := block(se, &sb, ":status", "200", "content-length", "5")
	sc := frame(TypeSettings, 1, 0, nil)
	sc = append(sc, frame(TypeHeaders, 0, 1, resp[:2])...)
	sc = append(sc, frame(TypeContinuation, flagEndHeaders, 1, resp[2:])...)
	sc = append(sc, frame(TypeData, flagEndStream, 1, []byte("hello"))...)
	txs = p.Feed(false, sc)
	if len(txs) != 1 || !txs[0].Complete() {
		t.Fatalf("server: %+v", txs)
	}
	rec = Record(txs[0])
	if rec["http_method"] != "GET" || rec["url"] != "/index.html" || rec["http_user_agent"] != "ua/1" || rec["status"] != uint64(200) ||
		rec["length"] != uint64(5) || rec["hostname"] != nil || rec["http2"].(map[string]any)["stream_id"] != uint32(1) {
		t.Errorf("record %v", rec)
	}
	if hs := rec["response_headers"].([]any); len(hs) != 2 || hs[1].(map[string]any)["value"] != "5" {
		t.Errorf("response headers %v", hs)
	}
	// the encoder now indexes these: the second request decodes them
	// from the dynamic table
	req2 := block(ce, &cb, ":method", "GET", ":path", "/index.html", ":authority", "example.com", "user-agent", "ua/1")
	txs = p.Feed(true, frame(TypeHeaders, flagEndHeaders, 3, req2))
	if len(txs) != 1 || txs[0].Stream != 3 || Record(txs[0])["url"] != "/index.html" {
		t.Errorf("second request: %+v", txs)
	}
	if len(p.Open()) != 1 {
		t.Errorf("released: %d open", len(p.Open()))
	}
}

// Error codes and priorities as Suricata writes them: a GOAWAY's in
// upper case, a RST_STREAM's as named; the second of a kind gives
// has_multiple.
func TestErrorsAndPriority(t *testing.T) {
	p := NewParser()
	p.Feed(true, []byte(Preface))
	txs := p.Feed(false, frame(TypeGoAway, 0, 0, []byte{0, 0, 0, 0, 0, 0, 0, 1}))
	if got := Record(txs[0])["http2"].(map[string]any)["response"]; !reflect.DeepEqual(got, map[string]any{"error_code": "PROTOCOLERROR"}) {
		t.Errorf("goaway %v", got)
	}
	b := frame(TypePriority, 0, 5, []byte{0, 0, 0, 0, 16})
	b = append(b, frame(TypeRstStream, 0, 5, []byte{0, 0, 0, 8})...)
	b = append(b, frame(TypeRstStream, 0, 5, []byte{0, 0, 0, 99})...)
	txs = p.Feed(true, b)
	want := map[string]any{"priority": uint8(16), "error_code": "Cancel", "has_multiple": "error_code"}
	if got := Record(txs[0])["http2"].(map[string]any)["request"]; !reflect.DeepEqual(got, want) {
		t.Errorf("stream 5 %v", got)
	}
	if Record(p.Feed(true, frame(TypePing, 0, 0, make([]byte, 8)))[0]) != nil {
		t.Error("a PING has a record")
	}
}

// DoH2: a POST whose content-type is application/dns-message gives its
// body as the DNS message once the stream ends; a GET asking for it gives
// its dns= query; a body past a DNS message's size raises
// dns_request_too_long.
func TestDoH(t *testing.T) {
	p := NewParser()
	var cb bytes.Buffer
	ce := hpack.NewEncoder(&cb)
	post := block(ce, &cb, ":method", "POST", ":path", "/dns-query", "content-type", "application/dns-message")
	b := append([]byte(Preface), frame(TypeHeaders, flagEndHeaders, 1, post)...)
	b = append(b, frame(TypeData, 0, 1, []byte("ab"))...)
	b = append(b, frame(TypeData, flagEndStream|flagPadded, 1, []byte{2, 'c', 'd', 0, 0})...)
	txs := p.Feed(true, b)
	if len(txs) != 1 || string(txs[0].DNS[0]) != "abcd" {
		t.Fatalf("post: %+v", txs)
	}
	q := base64.RawStdEncoding.EncodeToString([]byte{1, 2, 3})
	get := block(ce, &cb, ":method", "GET", ":path", "/dns-query?dns="+q, "accept", "application/dns-message")
	txs = p.Feed(true, frame(TypeHeaders, flagEndHeaders|flagEndStream, 3, get))
	if len(txs) != 1 || !bytes.Equal(txs[0].DNS[0], []byte{1, 2, 3}) {
		t.Fatalf("get: %+v", txs)
	}
	post2 := block(ce, &cb, ":method", "POST", ":path", "/dns-query", "content-type", "application/dns-message")
	b = frame(TypeHeaders, flagEndHeaders, 5, post2)
	big := make([]byte, 40000)
	b = append(b, frame(TypeData, 0, 5, big)...)
	b = append(b, frame(TypeData, flagEndStream, 5, big)...)
	txs = p.Feed(true, b)
	if len(txs) != 1 || txs[0].DNS[0] != nil || txs[0].Events[0] != "http2.dns_request_too_long" {
		t.Fatalf("too long: %+v", txs[0].Events)
	}
}

// Past MaxStreams every transaction is dropped with too_many_streams and
// the parse ends; a header block past the reassembly bound is cut,
// counted.
func TestBounds(t *testing.T) {
	p := NewParser()
	b := []byte(Preface)
	for i := 0; i <= MaxStreams; i++ {
		b = append(b, frame(TypeWindowUpdate, 0, uint32(2*i+1), []byte{0, 0, 1, 0})...)
	}
	txs := p.Feed(true, b)
	if !p.Failed || len(txs) != MaxStreams || txs[0].Events[0] != "http2.too_many_streams" {
		t.Fatalf("failed %v txs %d", p.Failed, len(txs))
	}
	p = NewParser()
	b = append([]byte(Preface), frame(TypeHeaders, 0, 1, make([]byte, 60000))...)
	b = append(b, frame(TypeContinuation, 0, 1, make([]byte, 60000))...)
	p.Feed(true, b)
	if p.Truncated != 1 || len(p.reass[0]) != maxReassembly {
		t.Errorf("truncated %d held %d", p.Truncated, len(p.reass[0]))
	}
}

func TestProbe(t *testing.T) {
	for _, c := range []struct {
		b        []byte
		ok, more bool
	}{
		{frame(TypeSettings, 0, 0, settings(3, 100)), true, false},
		{frame(TypeSettings, 0, 0, nil)[:5], false, true},
		{frame(TypeHeaders, 0, 0, nil), false, false},
		{frame(TypeSettings, 2, 0, nil), false, false},
		{[]byte("HTTP/1.1 200 OK\r\n"), false, false},
	} {
		if ok, more := Probe(c.b); ok != c.ok || more != c.more {
			t.Errorf("%q: %v %v", c.b, ok, more)
		}
	}
}
