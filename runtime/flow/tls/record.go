package tls

import (
	"encoding/base64"
	"time"
)

// Options says whether the EVE record carries the JA3 fingerprints
// (Suricata's app-layer.protocols.tls.ja3-fingerprints, which its "auto"
// default turns on when a rule uses them); JA4 is logged whenever a hello
// was read and the fields take it, as Suricata 8 does.
type Options struct {
	JA3 bool
}

// Resumed reports whether Suricata takes the session as resumed: the
// client offered a session ticket, or the server's hello repeats the
// client's session id.
func Resumed(c *ClientHello, s *ServerHandshake) bool {
	if c == nil {
		return false
	}
	if c.Ticket {
		return true
	}
	return s != nil && !s.WithoutCert && len(c.SessionID) > 0 && string(c.SessionID) == string(s.SessionID)
}

// Loggable reports whether Suricata writes a tls record for the
// handshake: the server sent a certificate, the session was resumed
// (when resumed sessions are logged), or it is TLS 1.3.
func Loggable(c *ClientHello, s *ServerHandshake, lc LogConfig) bool {
	if s != nil && (s.Leaf != nil || s.WithoutCert) {
		return true
	}
	return lc.SessionResumed && Resumed(c, s)
}

// Record is the EVE tls object of a flow's handshake so far, with the
// fields f; c or s may be nil.
func Record(c *ClientHello, s *ServerHandshake, f Fields, o Options) map[string]any {
	rec := map[string]any{}
	var leaf *Cert
	if s != nil {
		leaf = s.Leaf
	}
	if leaf != nil {
		if f&FieldSubject != 0 {
			rec["subject"] = leaf.Subject
		}
		if f&FieldIssuer != 0 {
			rec["issuerdn"] = leaf.Issuer
		}
		if f&FieldSAN != 0 && len(leaf.SANs) > 0 {
			rec["subjectaltname"] = append([]string(nil), leaf.SANs...)
		}
	}
	if f&FieldSessionResumed != 0 && leaf == nil && s != nil && s.hello && !s.WithoutCert && Resumed(c, s) {
		rec["session_resumed"] = true
	}
	if leaf != nil {
		if f&FieldSerial != 0 {
			rec["serial"] = leaf.Serial
		}
		if f&FieldFingerprint != 0 {
			rec["fingerprint"] = leaf.Fingerprint
		}
	}
	if f&FieldSNI != 0 && c != nil && len(c.SNI) > 0 {
		rec["sni"] = string(c.SNI)
	}
	if f&FieldVersion != 0 {
		switch {
		case s != nil && s.Version != 0:
			rec["version"] = VersionName(s.Version)
		case c != nil:
			rec["version"] = VersionName(c.Offered)
		default:
			rec["version"] = VersionName(0)
		}
	}
	if leaf != nil {
		if f&FieldNotBefore != 0 {
			rec["notbefore"] = formatTime(leaf.NotBefore)
		}
		if f&FieldNotAfter != 0 {
			rec["notafter"] = formatTime(leaf.NotAfter)
		}
	}
	if s != nil && len(s.Raw) > 0 {
		if f&FieldCertificate != 0 {
			rec["certificate"] = base64.StdEncoding.EncodeToString(s.Raw[0])
		}
		if f&FieldChain != 0 {
			rec["chain"] = chain(s.Raw)
		}
	}
	if c != nil && c.V2 {
		c = nil // Suricata keeps nothing of an SSLv2 hello but its version
	}
	if c != nil && o.JA3 && f&FieldJA3 != 0 {
		rec["ja3"] = map[string]any{"hash": c.JA3Hash, "string": c.JA3}
	}
	if s != nil && s.hello && o.JA3 && f&FieldJA3S != 0 {
		rec["ja3s"] = map[string]any{"hash": s.JA3SHash, "string": s.JA3S}
	}
	if c != nil && f&FieldJA4 != 0 {
		rec["ja4"] = c.JA4
	}
	if c != nil && f&FieldClientALPNs != 0 && len(c.ALPNs) > 0 {
		rec["client_alpns"] = strs(c.ALPNs)
	}
	if s != nil && f&FieldServerALPNs != 0 && len(s.ALPNs) > 0 {
		rec["server_alpns"] = strs(s.ALPNs)
	}
	if c != nil && f&FieldClientHandshake != 0 {
		hs := map[string]any{"version": VersionName(c.HSVersion)}
		setInts(hs, "ciphers", c.Ciphers)
		setInts(hs, "exts", c.Exts)
		setInts(hs, "sig_algs", c.SigAlgs)
		rec["client_handshake"] = hs
	}
	if s != nil && s.hello && f&FieldServerHandshake != 0 {
		hs := map[string]any{"version": VersionName(s.Legacy), "cipher": int(s.Cipher)}
		setInts(hs, "exts", s.Exts)
		rec["server_handshake"] = hs
	}
	if c != nil && c.Cert != nil && f&FieldClient != 0 {
		rec["client"] = clientRecord(c, f)
	}
	return rec
}

// clientRecord is the client object: the client certificate's fields.
func clientRecord(c *ClientHello, f Fields) map[string]any {
	cert := c.Cert
	m := map[string]any{"subject": cert.Subject, "issuerdn": cert.Issuer, "fingerprint": cert.Fingerprint,
		"serial": cert.Serial, "notbefore": formatTime(cert.NotBefore), "notafter": formatTime(cert.NotAfter)}
	if len(c.CertRaw) > 0 {
		if f&FieldClientCert != 0 {
			m["certificate"] = base64.StdEncoding.EncodeToString(c.CertRaw[0])
		}
		if f&FieldClientChain != 0 {
			m["chain"] = chain(c.CertRaw)
		}
	}
	return m
}

func chain(raw [][]byte) []string {
	out := make([]string, len(raw))
	for i, der := range raw {
		out[i] = base64.StdEncoding.EncodeToString(der)
	}
	return out
}

func setInts(m map[string]any, key string, vs []int) {
	if len(vs) > 0 {
		m[key] = append([]int(nil), vs...)
	}
}

// formatTime is Suricata's notbefore/notafter rendering, UTC.
func formatTime(t time.Time) string { return t.UTC().Format(certTime) }

func strs(bs [][]byte) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = string(b)
	}
	return out
}
