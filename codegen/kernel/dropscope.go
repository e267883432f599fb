package kernel

import "github.com/rulec/rulec/compiler/ir"

// DropScope is what a drop or reject of a kernel rule applies to, as
// Suricata scopes a signature's action by its type (values as
// bpf/rulec.h's drop_scope): the packet alone (packet rules), or the flow
// (IP-only rules: a header and nothing else; app-layer rules). Payload
// rules Suricata inspects on the TCP stream, whose drop is the flow's,
// are not kernel rules (compiler/lower).
type DropScope uint8

const (
	DropPacket DropScope = iota
	DropFlow
)

func (d DropScope) String() string {
	return [...]string{"packet", "flow"}[d]
}

// dropScope is the scope of a kernel rule's slot on buf, as the
// userspace tier scopes the rule's match (runtime/engine actsOnFlow).
func dropScope(r *ir.Rule, buf Buffer) DropScope {
	if buf != BufPayload || len(r.Matchers) == 0 && r.Flow == (ir.Flow{}) {
		return DropFlow
	}
	return DropPacket
}
