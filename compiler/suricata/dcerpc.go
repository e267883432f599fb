package suricata

import (
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/rulec/rulec/diag"
)

// needDCERPC marks the rule as inspecting DCE/RPC, which rulec parses
// over TCP only: DCE/RPC over UDP, and over SMB (which Suricata's dcerpc
// keywords also inspect), stay unsupported.
func needDCERPC(b *builder, kw string) error {
	p := b.rule.Header.Proto
	switch {
	case p.L4 == "udp":
		return fmt.Errorf("%s: DCE/RPC over UDP is not parsed: %w", kw, diag.ErrUnsupported)
	case p.App == "smb":
		return fmt.Errorf("%s: DCE/RPC over SMB needs the SMB parser: %w", kw, diag.ErrUnsupported)
	}
	return b.needApp("dcerpc")
}

// parseUUID reads an interface UUID in its 8-4-4-4-12 hex form (or as 32
// hex digits), in string order.
func parseUUID(s string) ([16]byte, error) {
	var u [16]byte
	h := strings.ReplaceAll(s, "-", "")
	if len(h) != 32 || (len(h) != len(s) && (len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')) {
		return u, fmt.Errorf("uuid %q: %w", s, diag.ErrBadValue)
	}
	if _, err := hex.Decode(u[:], []byte(h)); err != nil {
		return u, fmt.Errorf("uuid %q: %w", s, diag.ErrBadValue)
	}
	return u, nil
}
