package suricata

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// frameTypes are Suricata 8's app-layer frame types by protocol (each
// parser's frame enum); "stream", the whole stream of one direction, is
// every TCP protocol's.
var frameTypes = map[string][]string{
	"http":      {"request", "response"},
	"http2":     {"hdr", "data", "pdu"},
	"tls":       {"pdu", "hdr", "data", "alert", "heartbeat", "ssl2.hdr", "ssl2.pdu"},
	"ssh":       {"record.hdr", "record.data", "record.pdu"},
	"dns":       {"pdu"},
	"dcerpc":    {"pdu", "hdr", "data"},
	"smtp":      {"command_line", "data", "response_line"},
	"smb":       {"nbss.pdu", "nbss.hdr", "nbss.data", "smb1.pdu", "smb1.hdr", "smb1.data", "smb2.pdu", "smb2.hdr", "smb2.data", "smb3.pdu", "smb3.hdr", "smb3.data"},
	"nfs":       {"rpc.pdu", "rpc.hdr", "rpc.data", "rpc.creds", "nfs.pdu", "nfs.status", "nfs4.pdu", "nfs4.hdr", "nfs4.ops", "nfs4.status"},
	"enip":      {"hdr", "data", "pdu", "cip", "enip.item"},
	"ldap":      {"pdu"},
	"mqtt":      {"pdu", "header", "data"},
	"rfb":       {"pdu"},
	"sip":       {"pdu", "request.line", "response.line", "request.headers", "response.headers", "request.body", "response.body"},
	"telnet":    {"pdu", "ctl", "data"},
	"websocket": {"header", "pdu", "data"},
}

// framesMade are the frame types rulec's parsers mark, by protocol; the
// flow tracker marks the stream frame of every TCP protocol it parses.
var framesMade = map[string][]string{
	"ssh":    {"record.hdr", "record.data", "record.pdu", "stream"},
	"http":   {"request", "response", "stream"},
	"tls":    {"hdr", "pdu", "data", "alert", "heartbeat", "stream"},
	"dns":    {"pdu", "stream"},
	"dcerpc": {"hdr", "pdu", "data", "stream"},
	"smtp":   {"command_line", "data", "response_line", "stream"},
}

// frame:[proto.]type is the sticky buffer of an app-layer frame: a
// record or message of the protocol's stream as its parser delimits it.
// The protocol may be left out when the rule names it.
func init() {
	register("frame", valueRequired, func(b *builder, o *syntax.Option) error {
		p := b.rule.Header.Proto
		if p.L4 != "tcp" && p.L4 != "udp" && p.L4 != "ip" || p.Mode != "" {
			return fmt.Errorf("frame is for TCP and UDP app-layer rules, not %s: %w", ruleProtoName(p), diag.ErrConflict)
		}
		value := strings.ToLower(strings.TrimSpace(o.Value))
		app := p.App
		if app == "" {
			app = b.app
		}
		proto, typ, dotted := strings.Cut(value, ".")
		if _, known := appTransport[proto]; !dotted || !known || proto == "ssl" {
			// the short form: the rule's protocol's frame type
			if app == "" {
				return fmt.Errorf("frame %q: the rule's app-layer protocol is unknown, it must be named: %w", value, diag.ErrMissing)
			}
			proto, typ = app, value
		}
		proto = frameProto(proto)
		if app != "" && frameProto(app) != proto {
			return fmt.Errorf("frame %q: protocol %s in a %s rule: %w", value, proto, app, diag.ErrConflict)
		}
		if typ == "stream" && p.L4 == "udp" || typ != "stream" && !slices.Contains(frameTypes[proto], typ) {
			return badValue("frame", value)
		}
		if err := b.setBuffer(ir.FrameBuffer(proto, typ), proto); err != nil {
			return err
		}
		if !slices.Contains(framesMade[proto], typ) {
			return fmt.Errorf("keyword %q (rulec's parsers do not mark %s %s frames) %w", o.Name, proto, typ, diag.ErrUnsupported)
		}
		return nil
	})
}

// frameProto is the protocol whose frames a rule's protocol name means.
func frameProto(app string) string {
	if app == "http1" {
		return "http"
	}
	return app
}

func ruleProtoName(p ir.Proto) string {
	if p.Mode != "" {
		return p.L4 + "-" + p.Mode
	}
	return p.L4
}

func init() { finishers = append(finishers, checkFrames) }

// checkFrames refuses what Suricata refuses in a frame rule: one frame's
// buffer inspected with the payload, another buffer, an app-layer
// transaction keyword or a packet-only keyword (dsize).
func checkFrames(b *builder) error {
	frame := ""
	for _, m := range b.rule.Matchers {
		if _, _, ok := ir.FrameOf(m.Buf().Name); ok {
			frame = m.Buf().Name
			break
		}
	}
	if frame == "" {
		return nil
	}
	for _, m := range b.rule.Matchers {
		name := m.Buf().Name
		if _, _, ok := ir.FrameOf(name); ok {
			if name != frame {
				return fmt.Errorf("frames %s and %s in one rule (one frame is inspected at a time): %w", frame, name, diag.ErrConflict)
			}
			continue
		}
		if what := frameMix(m); what != "" {
			return fmt.Errorf("%s cannot be mixed with frame inspection: %w", what, diag.ErrConflict)
		}
	}
	return nil
}

// frameMix names what m inspects when Suricata keeps it out of frame
// rules, or is empty.
func frameMix(m ir.Matcher) string {
	name := m.Buf().Name
	switch m := m.(type) {
	case *ir.Size:
		if m.What == "dsize" {
			return "dsize"
		}
	case *ir.Field:
		if strings.HasPrefix(m.Name, "dns.") || strings.HasPrefix(m.Name, "tls") || m.Name == "ssl_version" {
			return m.Name
		}
		return ""
	case *ir.Event:
		if m.Layer == ir.EventAppLayer {
			return "app-layer-event"
		}
		return ""
	case *ir.DCEIface, *ir.DCEOpnum:
		return m.Kind()
	case *ir.Content, *ir.PCRE, *ir.IsDataAt, *ir.ByteTest, *ir.ByteJump, *ir.ByteExtract, *ir.Base64Decode, *ir.Dataset, *ir.Datarep, *ir.Absent, *ir.FileHash, *ir.Filestore, *ir.Entropy:
	default:
		return ""
	}
	switch name {
	case ir.BufPayload:
		return "payload inspection"
	case "base64_data":
		// what base64_decode decoded, of the frame when it decoded the
		// frame (its own buffer is checked as any other)
		return ""
	}
	return "buffer " + name
}
