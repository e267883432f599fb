package tls

// Options says which fingerprints the EVE record carries (Suricata's
// app-layer.protocols.tls.ja3-fingerprints and ja4-fingerprints, which
// its "auto" default turns on when a rule uses them).
type Options struct {
	JA3, JA4 bool
}

// Record is the EVE tls object of a flow's handshake so far, with the
// fields Suricata's extended tls logging writes; c or s may be nil.
func Record(c *ClientHello, s *ServerHandshake, o Options) map[string]any {
	rec := map[string]any{}
	if s != nil && len(s.Certs) > 0 {
		leaf := s.Certs[0]
		rec["subject"] = DN(leaf.RawSubject)
		rec["issuerdn"] = DN(leaf.RawIssuer)
		if len(leaf.DNSNames) > 0 {
			rec["subjectaltname"] = append([]string(nil), leaf.DNSNames...)
		}
		rec["serial"] = serial(leaf)
		rec["fingerprint"] = fingerprint(leaf)
		rec["notbefore"] = leaf.NotBefore.UTC().Format(certTime)
		rec["notafter"] = leaf.NotAfter.UTC().Format(certTime)
	}
	switch {
	case s != nil:
		rec["version"] = VersionName(s.Version)
	case c != nil:
		rec["version"] = VersionName(c.Offered)
	}
	if c != nil {
		if len(c.SNI) > 0 {
			rec["sni"] = string(c.SNI)
		}
		if o.JA3 {
			rec["ja3"] = map[string]any{"hash": c.JA3Hash, "string": c.JA3}
		}
		if o.JA4 {
			rec["ja4"] = c.JA4
		}
		if len(c.ALPNs) > 0 {
			rec["client_alpns"] = strs(c.ALPNs)
		}
	}
	if s != nil {
		if o.JA3 {
			rec["ja3s"] = map[string]any{"hash": s.JA3SHash, "string": s.JA3S}
		}
		if len(s.ALPNs) > 0 {
			rec["server_alpns"] = strs(s.ALPNs)
		}
	}
	return rec
}

func strs(bs [][]byte) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = string(b)
	}
	return out
}
