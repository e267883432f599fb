package engine

import (
	"slices"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// dceIfaceHolds checks dcerpc.iface on a DCE/RPC transaction whose
// request was seen: an accepted context of the request's context id is
// the interface, in the version asked, bound by a first fragment unless
// any_frag.
func dceIfaceHolds(m *ir.DCEIface, d *inspect.DCE) bool {
	if d == nil || !d.RequestSeen {
		return false
	}
	return slices.ContainsFunc(d.Ifaces, func(i inspect.DCEIface) bool {
		return i.UUID == m.UUID && (m.AnyFrag || i.FirstFrag) &&
			(m.Version.Op == "" || m.Version.Holds(int64(i.Version)))
	})
}

// dceOpnumHolds checks dcerpc.opnum on a DCE/RPC transaction whose
// request was seen.
func dceOpnumHolds(m *ir.DCEOpnum, d *inspect.DCE) bool {
	return d != nil && d.RequestSeen && slices.ContainsFunc(m.Any, func(c ir.Cmp) bool { return c.Holds(int64(d.Opnum)) })
}
