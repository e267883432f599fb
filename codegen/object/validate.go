package object

import (
	"bytes"
	"fmt"
	"net/netip"
	"reflect"
	"slices"

	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/lower"
)

// validate checks a decoded object semantically before anything uses it:
// every rule's enums, ranges and sets, every tier against the decision this
// rulec makes for the rule, and every kernel table against the tables this
// rulec generates from the rules. The checksum only shows the bytes are the
// ones written; an object edited and re-summed must still be refused here.
func validate(o *Object) error {
	if len(o.Tiers) != len(o.Rules) || o.Kernel == nil {
		return fmt.Errorf("%d rules, %d tiers, kernel tables present: %v", len(o.Rules), len(o.Tiers), o.Kernel != nil)
	}
	tiers := make([]lower.Tier, len(o.Rules))
	decided := lower.DecideSet(o.Rules)
	for i, r := range o.Rules {
		if err := validRule(r); err != nil {
			return fmt.Errorf("rule %d: %w", i, err)
		}
		got := o.Tiers[i]
		if got.Tier != lower.Kernel && got.Tier != lower.Userspace {
			return fmt.Errorf("rule %d (sid %d): unknown tier %q", i, r.Meta.SID, got.Tier)
		}
		if want := decided[i]; got != want {
			return fmt.Errorf("rule %d (sid %d): tier %s (%s), this rulec decides %s (%s)", i, r.Meta.SID, got.Tier, got.Reason, want.Tier, want.Reason)
		}
		tiers[i] = got.Tier
	}
	if err := checkSlotRules(o); err != nil {
		return err
	}
	want, err := kernel.Build(o.Rules, tiers)
	if err != nil {
		return fmt.Errorf("kernel tables: %w", err)
	}
	return sameTables(o.Kernel, want)
}

// sameTables compares each field of the decoded tables with the generated
// ones and names the first that differs.
func sameTables(got, want *kernel.Tables) error {
	g, w := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	for i := range g.NumField() {
		if !equal(g.Field(i), w.Field(i)) {
			return fmt.Errorf("kernel table %s differs from the one generated from the rules", g.Type().Field(i).Name)
		}
	}
	return nil
}

// equal is reflect.DeepEqual for the tables' plain data, except that a nil
// slice equals an empty one (a decoded empty slice is nil).
func equal(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		if a.Type().Elem().Kind() == reflect.Uint8 {
			return bytes.Equal(a.Bytes(), b.Bytes())
		}
		fallthrough
	case reflect.Array:
		for i := range a.Len() {
			if !equal(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		if a.Type() == reflect.TypeFor[netip.Prefix]() {
			return a.Interface() == b.Interface()
		}
		for i := range a.NumField() {
			if !equal(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Pointer, reflect.Interface, reflect.Map:
		return reflect.DeepEqual(a.Interface(), b.Interface())
	}
	return a.Equal(b)
}

var (
	langs   = []ir.Lang{ir.Suricata, ir.SecLang}
	actions = []ir.Action{ir.ActAlert, ir.ActPass, ir.ActDrop, ir.ActReject, ir.ActRejectSrc, ir.ActRejectDst, ir.ActRejectBoth, ir.ActConfig}
	l4s     = []string{"ip", "tcp", "udp", "icmp", "icmpv4", "icmpv6", "sctp"}
	cmpOps  = []string{"=", "!=", "<", ">", "<=", ">=", "<>", "<=>", "&", "!&"}
)

func validRule(r *ir.Rule) error {
	switch {
	case r == nil:
		return fmt.Errorf("missing")
	case !slices.Contains(langs, r.Lang):
		return fmt.Errorf("unknown language %q", r.Lang)
	case r.Disabled:
		return fmt.Errorf("sid %d: a disabled rule in the rule list", r.Meta.SID)
	case !slices.Contains(actions, r.Action):
		return fmt.Errorf("sid %d: unknown action %q", r.Meta.SID, r.Action)
	case r.Meta.Priority < 0 || r.Meta.Priority > 255:
		return fmt.Errorf("sid %d: priority %d out of 0..255", r.Meta.SID, r.Meta.Priority)
	case (r.Lang == ir.SecLang) != (r.Sec != nil):
		return fmt.Errorf("sid %d: %s rule with SecLang parts: %v", r.Meta.SID, r.Lang, r.Sec != nil)
	}
	if err := validHeader(r.Header); err != nil {
		return fmt.Errorf("sid %d: %w", r.Meta.SID, err)
	}
	for j, m := range r.Matchers {
		if err := validMatcher(m); err != nil {
			return fmt.Errorf("sid %d: matcher %d: %w", r.Meta.SID, j, err)
		}
	}
	for _, t := range r.Limits {
		if err := validThreshold(t); err != nil {
			return fmt.Errorf("sid %d: %w", r.Meta.SID, err)
		}
	}
	for _, s := range r.Suppress {
		if err := validSuppress(s); err != nil {
			return fmt.Errorf("sid %d: %w", r.Meta.SID, err)
		}
	}
	if err := validStateful(r); err != nil {
		return fmt.Errorf("sid %d: %w", r.Meta.SID, err)
	}
	if r.Sec != nil {
		if err := validSec(r.Sec); err != nil {
			return fmt.Errorf("id %d: %w", r.Meta.SID, err)
		}
	}
	return nil
}

func validHeader(h ir.Header) error {
	switch {
	case !slices.Contains(l4s, h.Proto.L4):
		return fmt.Errorf("unknown protocol %q", h.Proto.L4)
	case !h.Src.Canonical() || !h.Dst.Canonical():
		return fmt.Errorf("address set not canonical")
	case !h.SrcPorts.Canonical() || !h.DstPorts.Canonical():
		return fmt.Errorf("port set not canonical")
	}
	return nil
}

func validMatcher(m ir.Matcher) error {
	switch m := m.(type) {
	case nil:
		return fmt.Errorf("missing")
	case *ir.Content:
		if len(m.Pattern) == 0 {
			return fmt.Errorf("empty content")
		}
		if fp := m.FastPattern; fp != nil && (fp.Offset < 0 || fp.Length < 0 || fp.Offset+fp.Length > len(m.Pattern)) {
			return fmt.Errorf("fast_pattern %d,%d outside a %d-byte content", fp.Offset, fp.Length, len(m.Pattern))
		}
	case *ir.Size:
		return validCmp(m.Cmp)
	case *ir.Field:
		return validCmp(m.Cmp)
	case *ir.StreamSize:
		return validCmp(m.Cmp)
	case *ir.FlowCounter:
		return validCmp(m.Cmp)
	case *ir.DCEIface:
		if m.Version.Op != "" {
			return validCmp(m.Version)
		}
	case *ir.DCEOpnum:
		if len(m.Any) == 0 {
			return fmt.Errorf("dcerpc.opnum without a number")
		}
		for _, c := range m.Any {
			if err := validCmp(c); err != nil {
				return err
			}
		}
	case *ir.AppProto:
		if !slices.Contains(ir.AppProtoNames, m.Proto) || !slices.Contains(ir.AppProtoModes, m.Mode) {
			return fmt.Errorf("app-layer-protocol %q mode %q", m.Proto, m.Mode)
		}
	case *ir.VLANID:
		if m.Layer < -3 || m.Layer > 2 {
			return fmt.Errorf("vlan.id layer %d", m.Layer)
		}
		return validCmp(m.Cmp)
	case *ir.FragBits:
		if m.Bits == 0 || m.Bits > 7 || !slices.Contains([]string{"", "+", "*", "!"}, m.Mod) {
			return fmt.Errorf("fragbits %d %q", m.Bits, m.Mod)
		}
	case *ir.IPOpt:
		if !slices.Contains(ir.IPOptNames, m.Name) {
			return fmt.Errorf("ip option %q", m.Name)
		}
	case *ir.Checksum:
		if !slices.Contains(ir.ChecksumProtos, m.Proto) {
			return fmt.Errorf("checksum of %q", m.Proto)
		}
	case *ir.Event:
		if !slices.Contains(ir.RaisedEvents[m.Layer], m.Name) {
			return fmt.Errorf("%s %q is not raised", m.Kind(), m.Name)
		}
	case *ir.ByteTest:
		return validByteOpts(m.Opts)
	case *ir.ByteJump:
		return validByteOpts(m.Opts)
	case *ir.ByteExtract:
		return validByteOpts(m.Opts)
	case *ir.Filestore:
		if !slices.Contains([]string{"", "to_server", "to_client", "both"}, m.Dir) || !slices.Contains([]string{"file", "tx", "flow"}, m.Scope) {
			return fmt.Errorf("filestore %q %q", m.Dir, m.Scope)
		}
	case *ir.FileHash:
		n, ok := ir.FileHashLen[m.Buffer.Name]
		if !ok {
			return fmt.Errorf("file hash of buffer %q", m.Buffer.Name)
		}
		for _, h := range m.Hashes {
			if len(h) != n {
				return fmt.Errorf("%s digest of %d bytes, want %d", m.Buffer.Name, len(h), n)
			}
		}
	case *ir.VarMatch:
		if m.Scope != "flow" && m.Scope != "pkt" || m.Name == "" {
			return fmt.Errorf("%s variable %q", m.Scope, m.Name)
		}
	case *ir.Entropy:
		if !slices.Contains(ir.FloatOps, m.Value.Op) || m.Var == "" {
			return fmt.Errorf("entropy comparison %q of variable %q", m.Value.Op, m.Var)
		}
	case *ir.Base64Decode:
		if m.Bytes < 0 || m.Offset < 0 {
			return fmt.Errorf("base64_decode bytes %d offset %d", m.Bytes, m.Offset)
		}
	}
	return nil
}

func validCmp(c ir.Cmp) error {
	if !slices.Contains(cmpOps, c.Op) {
		return fmt.Errorf("unknown comparison %q", c.Op)
	}
	return nil
}

func validByteOpts(o ir.ByteOpts) error {
	switch {
	case o.Bytes < 0 || o.Bytes > 10:
		return fmt.Errorf("%d bytes to convert, want 0 to 10", o.Bytes)
	case !slices.Contains([]string{"", "big", "little", "dce"}, o.Endian):
		return fmt.Errorf("unknown endianness %q", o.Endian)
	case !slices.Contains([]string{"", "hex", "dec", "oct"}, o.Base):
		return fmt.Errorf("unknown base %q", o.Base)
	}
	return nil
}

func validThreshold(t ir.Threshold) error {
	switch {
	case !slices.Contains([]string{"threshold", "limit", "both", "backoff", "detection_filter", "rate_filter"}, t.Kind):
		return fmt.Errorf("unknown threshold type %q", t.Kind)
	case !slices.Contains([]string{"by_src", "by_dst", "by_rule", "by_both", "by_flow"}, t.Track):
		return fmt.Errorf("unknown threshold track %q", t.Track)
	case t.Count < 1 || t.Seconds < 0 || t.Multiplier < 0 || t.Timeout < 0:
		return fmt.Errorf("threshold count %d seconds %d multiplier %d timeout %d", t.Count, t.Seconds, t.Multiplier, t.Timeout)
	case t.Kind == "rate_filter" && !slices.Contains([]ir.Action{ir.ActAlert, ir.ActDrop, ir.ActPass, ir.ActReject}, t.NewAction):
		return fmt.Errorf("rate_filter new_action %q", t.NewAction)
	}
	return nil
}

func validSuppress(s ir.Suppress) error {
	if !slices.Contains([]string{"by_src", "by_dst", "by_either"}, s.Track) {
		return fmt.Errorf("unknown suppress track %q", s.Track)
	}
	return nil
}

func validSec(s *ir.SecRule) error {
	switch {
	case s.Phase < 1 || s.Phase > 5:
		return fmt.Errorf("phase %d out of 1..5", s.Phase)
	case len(s.Parts) == 0:
		return fmt.Errorf("no rule parts")
	}
	for _, p := range s.Parts {
		if p.Actions.Skip < 0 {
			return fmt.Errorf("skip %d", p.Actions.Skip)
		}
	}
	return nil
}

// validStateful checks flowbits/xbits, tag and target.
func validStateful(r *ir.Rule) error {
	for _, b := range r.Bits {
		ops := []string{"set", "unset", "toggle", "isset", "isnotset"}
		if b.Kind == "flowint" {
			ops = ir.FlowintOps
		}
		switch {
		case b.Kind != "flowbits" && b.Kind != "xbits" && b.Kind != "flowint":
			return fmt.Errorf("unknown bit kind %q", b.Kind)
		case !slices.Contains(ops, b.Cmd):
			return fmt.Errorf("unknown %s command %q", b.Kind, b.Cmd)
		case len(b.Names) == 0:
			return fmt.Errorf("%s %s without a name", b.Kind, b.Cmd)
		case b.Expire < 0:
			return fmt.Errorf("%s expire %d", b.Kind, b.Expire)
		}
	}
	if t := r.Tag; t != nil {
		if (t.Scope != "session" && t.Scope != "host") || !slices.Contains([]string{"packets", "seconds", "bytes"}, t.Metric) || t.Count < 0 {
			return fmt.Errorf("tag %s %d %s", t.Scope, t.Count, t.Metric)
		}
	}
	if r.Target != "" && r.Target != "src" && r.Target != "dest" {
		return fmt.Errorf("unknown target %q", r.Target)
	}
	return nil
}
