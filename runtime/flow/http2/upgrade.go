package http2

import "encoding/base64"

// Upgrade starts the parse of a connection upgraded from HTTP/1 (a 101
// response to a request with Upgrade: h2c) with that request, as
// Suricata's HTTP2MimicHttp1Request does: stream 1 is a transaction
// holding, to server, one HEADERS frame per field (:method, :path, then
// each request header, Host as :authority) and half closed by the
// client; the HTTP2-Settings header, base64, is a SETTINGS frame of a
// stream-0 transaction (http2.invalid_http1_settings when it does not
// decode into whole settings). It returns the transactions it made.
func (p *Parser) Upgrade(method, uri []byte, headers []Field) []*Tx {
	p.changed = p.changed[:0]
	if method == nil {
		return nil
	}
	p.upgradeHeader([]byte(":method"), method)
	if uri != nil {
		p.upgradeHeader([]byte(":path"), uri)
	}
	for _, h := range headers {
		switch {
		case string(h.Name) == "HTTP2-Settings":
			p.upgradeSettings(h.Value)
		case equalFold(h.Name, "host"):
			p.upgradeHeader([]byte(":authority"), h.Value)
		default:
			p.upgradeHeader(h.Name, h.Value)
		}
	}
	return p.changed
}

func (p *Parser) upgradeHeader(name, value []byte) {
	tx := p.tx(1, header{ftype: TypeHeaders, stream: 1})
	if tx == nil {
		return
	}
	f := Frame{Type: TypeHeaders, Headers: true, Fields: []Field{{Name: clone(name), Value: clone(value)}}}
	if len(tx.Frames[0]) < maxFrames {
		tx.Frames[0] = append(tx.Frames[0], f)
	}
	tx.State = StateHalfClosedClient
	p.touch(tx)
}

// upgradeSettings raises its event on the last transaction before it
// makes its own, as Suricata's state event does.
func (p *Parser) upgradeSettings(v []byte) {
	dec, err := base64.StdEncoding.DecodeString(string(v))
	if err != nil || len(dec)%6 != 0 {
		p.globalEvent("invalid_http1_settings")
		if err != nil {
			return
		}
	}
	tx := p.tx(0, header{ftype: TypeSettings})
	if tx == nil {
		return
	}
	tx.Frames[0] = append(tx.Frames[0], Frame{Type: TypeSettings, Settings: parseSettings(dec)})
	p.touch(tx)
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }
