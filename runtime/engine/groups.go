package engine

import (
	"sort"

	"github.com/rulec/rulec/compiler/ir"

	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/runtime/inspect"
)

// maxGroups bounds the rule groups kept; past it they are dropped and
// built again as units need them (counted in Stats.GroupResets).
const maxGroups = 1 << 12

// groupKey is what decides which rules a unit can run, short of its
// addresses: the unit's kind, its flow's app protocol, whether its TCP
// payload is inspected as the reassembled stream (inStream), the protocol and the port classes of the
// kernel tables.
type groupKey struct {
	kind         inspect.Kind
	app          uint8 // appID of the flow's app protocol
	reasm        bool
	proto        uint8
	sport, dport uint16 // port class ids
	// undecided: a DNS or TLS unit the classifier left to userspace (an
	// undecided copy, DNS over TCP): the kernel dns.query and tls.sni
	// rules run too.
	undecided bool
}

// ruleGroup is the rules of one groupKey (Suricata's signature group
// head): those with buffer matchers go to the Matcher's group, the rest
// are checked on every unit; slots are the header shapes the key selects.
type ruleGroup struct {
	match MatchGroup
	plain []*urule
	slots kernel.Bitset
	// wanted: the slots of the group's rules (those running on its kind
	// of unit), a subset of slots.
	wanted kernel.Bitset
	empty  bool
}

// group returns the rule group of u, building it on first use.
func (e *Engine) group(u *inspect.Unit, sport, dport uint16) *ruleGroup {
	t := e.obj.Kernel
	k := groupKey{kind: u.Kind, app: e.appID(u.Flow.App), reasm: inStream(u), proto: u.Flow.Proto,
		sport: portClass(t.SportClass, sport), dport: portClass(t.DportClass, dport),
		undecided: e.undecidedRules != nil && u.Kind == inspect.KindApp && e.undecidedApp(u)}
	if g, ok := e.groups[k]; ok {
		return g
	}
	if len(e.groups) >= maxGroups {
		clear(e.groups)
		e.stats.GroupResets++
	}
	g := e.buildGroup(k, u.Flow.App)
	e.groups[k] = g
	return g
}

// undecidedApp reports whether the classifier left an app-layer unit to
// userspace: a DNS or TLS unit of a frame copied up undecided, DNS over
// TCP, which it never decides, or a ClientHello whose flow ended before
// the server answered (the classifier inspects tls.sni on the client's
// next packet, which never came).
func (e *Engine) undecidedApp(u *inspect.Unit) bool {
	switch u.Flow.App {
	case "dns":
		return e.appUndecided || u.Flow.Proto == 6
	case "tls":
		return e.appUndecided || u.Packet == nil
	}
	return false
}

// appID returns the id of an app protocol name, giving new names the next
// id (a flow's app protocol is one of the tracker's few).
func (e *Engine) appID(name string) uint8 {
	id, ok := e.apps[name]
	if !ok {
		id = uint8(len(e.apps))
		e.apps[name] = id
	}
	return id
}

// portClass returns the class id of a port, or the number of classes for
// a port no class covers.
func portClass(classes []kernel.PortClass, p uint16) uint16 {
	i := sort.Search(len(classes), func(i int) bool { return classes[i].Hi >= p })
	if i == len(classes) {
		return uint16(len(classes))
	}
	return uint16(classes[i].Class)
}

// buildGroup collects the rules whose header shape the key selects and
// that run on such units.
func (e *Engine) buildGroup(k groupKey, app string) *ruleGroup {
	t := e.obj.Kernel
	var sets []*slotRules
	switch k.kind {
	case inspect.KindFrame:
		sets = append(sets, e.appRules[frameRulesKey(app)])
	case inspect.KindState:
		sets = append(sets, e.appRules[stateRulesKey(app)])
	case inspect.KindApp:
		// the protocol's rules, and rules on buffers of no one protocol
		// (file.data, file.name in an "alert tcp" rule)
		sets = append(sets, e.appRules[app])
		if app != "" {
			sets = append(sets, e.appRules[""])
			// rules of a protocol covering the flow's (http: HTTP/2,
			// dns: doh2, ...)
			for _, key := range e.appKeys {
				if key != app && ir.AppProtoEquals(key, app) {
					sets = append(sets, e.appRules[key])
				}
			}
		}
	default:
		sets = append(sets, e.kindRules[k.kind])
	}
	if k.undecided {
		sets = append(sets, e.undecidedRules)
	}
	g := &ruleGroup{slots: t.NewBitset(), wanted: t.NewBitset(), empty: true}
	if int(k.sport) >= len(t.SportBits) || int(k.dport) >= len(t.DportBits) {
		return g
	}
	probe := &inspect.Unit{Kind: k.kind, Flow: &inspect.Flow{App: app, Proto: k.proto, Reassembled: k.reasm}}
	seen := map[int]bool{}
	var forMatcher []int
	for _, idx := range sets {
		if idx == nil {
			continue
		}
		for _, s := range t.And(t.Proto[k.proto], t.SportBits[k.sport], t.DportBits[k.dport], idx.mask) {
			t.Set(g.slots, s)
			for _, ur := range idx.rules[s] {
				if !ur.wants(probe) {
					continue
				}
				t.Set(g.wanted, s)
				if seen[ur.idx] {
					continue
				}
				seen[ur.idx] = true
				g.empty = false
				if ur.matchIdx >= 0 {
					forMatcher = append(forMatcher, ur.matchIdx)
				} else {
					g.plain = append(g.plain, ur)
				}
			}
		}
	}
	if len(forMatcher) > 0 {
		g.match = e.matcher.Group(forMatcher)
	}
	return g
}

// headerHolds reports whether one of the rule's header shapes that the
// group selected also holds for the unit's addresses.
func (e *Engine) headerHolds(g *ruleGroup, ur *urule, src, dst kernel.Bitset) bool {
	t := e.obj.Kernel
	for _, s := range e.ruleSlots[ur.idx] {
		if t.Has(g.slots, s) && t.Has(src, s) && t.Has(dst, s) {
			return true
		}
	}
	return false
}
