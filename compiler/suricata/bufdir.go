package suricata

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// bufDir is the direction of traffic a buffer is inspected in.
type bufDir uint8

const (
	dirToServer bufDir = iota + 1
	dirToClient
	dirBoth // the buffer exists in both directions: ambiguous without a direction
)

// bufferDirs are the directions of the app-layer buffers, as Suricata
// registers their inspection engines.
var bufferDirs = func() map[string]bufDir {
	m := map[string]bufDir{}
	for d, names := range map[bufDir]string{
		dirToServer: `http.uri http.uri.raw http.method http.host http.host.raw http.user_agent http.request_body
			http.request_line http.referer http.accept http.accept_enc http.accept_lang http.request_header
			dns.query tls.sni ja3.hash ja3.string ja4.hash ssh.hassh smtp.helo smtp.mail_from smtp.rcpt_to
			email.from email.subject email.to email.cc email.date email.message_id email.x_mailer
			email.url email.received ftp.command ftp.command_data`,
		dirToClient: `http.stat_code http.stat_msg http.response_line http.location http.server http.response_body
			http.response_header ja3s.hash ja3s.string ssh.hassh.server tls.cert_subject tls.cert_issuer
			tls.cert_serial tls.cert_fingerprint tls.certs tls.subjectaltname dns.answers.rrname dns.response.rrname
			dns.authorities.rrname dns.additionals.rrname
			ftp.reply ftp.completion_code`,
		dirBoth: `http.header http.header.raw http.cookie http.header_names http.content_type http.content_len
			http.start http.protocol http.connection file.data ssh.software ssh.proto
			tls.alpn tls.random tls.random_time tls.random_bytes`,
	} {
		for _, n := range strings.Fields(names) {
			m[n] = d
		}
	}
	return m
}()

// bufferDirection reads a sticky buffer's optional direction
// ("http.connection: to_client;"); 0 when none is given.
func bufferDirection(name, value string) (bufDir, error) {
	var d bufDir
	switch strings.TrimSpace(value) {
	case "":
		return 0, nil
	case "to_server":
		d = dirToServer
	case "to_client":
		d = dirToClient
	default:
		return 0, badValue(name+" direction, want to_server or to_client", value)
	}
	if have, ok := bufferDirs[name]; !ok || have != dirBoth && have != d {
		return 0, fmt.Errorf("%s is not inspected %s: %w", name, value, diag.ErrConflict)
	}
	return d, nil
}

// setBufferDir makes name the sticky buffer in direction d (0: the
// buffer's own). The request side of a two-way buffer in a
// transactional rule is a buffer of its own, inspected with the
// response.
func (b *builder) setBufferDir(name, app string, d bufDir) error {
	if err := b.setBuffer(name, app); err != nil {
		return err
	}
	if d == 0 {
		return nil
	}
	if d == dirToServer && b.rule.Header.TxBoth {
		b.buf.Name = ir.ToServerOf(name)
	}
	if b.bufDirs == nil {
		b.bufDirs = map[string]bufDir{}
	}
	b.bufDirs[b.buf.Name] = d
	return nil
}

// checkDirections applies Suricata's direction rules once the rule is
// built: a transactional rule ("=>") inspects both directions, has no flow
// direction and no buffer ambiguous about its direction; any other rule
// inspects one direction, the one a buffer's given direction implies.
func checkDirections(b *builder) error {
	r := b.rule
	var ts, tc, amb bool
	for _, m := range r.Matchers {
		name := m.Buf().Name
		d, ok := b.bufDirs[name]
		if !ok {
			d = bufferDirs[name]
		}
		ts = ts || d == dirToServer
		tc = tc || d == dirToClient
		amb = amb || d == dirBoth
	}
	if r.Header.TxBoth {
		switch {
		case r.Flow.ToServer || r.Flow.ToClient:
			return fmt.Errorf("a transactional rule (=>) uses both directions, it cannot have a flow direction: %w", diag.ErrConflict)
		case !ts || !tc:
			return fmt.Errorf("a transactional rule (=>) should use both directions, but does not: %w", diag.ErrConflict)
		case amb:
			return fmt.Errorf("a transactional rule (=>) cannot have keywords ambiguous about directions (give the buffer to_server or to_client): %w", diag.ErrConflict)
		}
		return nil
	}
	if ts && tc {
		return fmt.Errorf("keywords of both directions: a transactional rule with => should be used: %w", diag.ErrConflict)
	}
	r.EachDir = !ts && !tc && len(r.Matchers) > 0
	explicitTS, explicitTC := false, false
	for _, d := range b.bufDirs {
		explicitTS, explicitTC = explicitTS || d == dirToServer, explicitTC || d == dirToClient
	}
	switch {
	case explicitTS && r.Flow.ToClient, explicitTC && r.Flow.ToServer:
		return fmt.Errorf("contradictory directions: %w", diag.ErrConflict)
	case explicitTS:
		r.Flow.ToServer = true
	case explicitTC:
		r.Flow.ToClient = true
	}
	return nil
}
