package flow

import (
	"fmt"

	"github.com/rulec/rulec/runtime/inspect"
)

// Exception policies, by their suricata.yaml names: what the engine does
// with a flow it cannot follow as configured.
const (
	PolicyIgnore     = "ignore"
	PolicyAuto       = "auto"
	PolicyDropFlow   = "drop-flow"
	PolicyDropPacket = "drop-packet"
	PolicyPassFlow   = "pass-flow"
	PolicyPassPacket = "pass-packet"
	PolicyBypass     = "bypass"
	PolicyReject     = "reject"
	PolicyRejectBoth = "rejectboth"
)

// TargetMidstream is the exception policy target of a TCP flow met
// without its handshake, as EVE flow records name it.
const TargetMidstream = "stream_midstream"

// DropMidstream is the drop reason of the packet the midstream exception
// policy dropped.
const DropMidstream = "stream midstream"

var policyNames = map[string]string{
	PolicyIgnore: "ignore", PolicyAuto: "auto", PolicyDropFlow: "drop_flow", PolicyDropPacket: "drop_packet",
	PolicyPassFlow: "pass_flow", PolicyPassPacket: "pass_packet", PolicyBypass: "bypass",
	PolicyReject: "reject", PolicyRejectBoth: "reject_both",
}

func checkPolicy(v string) error {
	if _, ok := policyNames[v]; !ok {
		return fmt.Errorf("%q: %w", v, ErrPolicy)
	}
	return nil
}

// MidstreamPolicy is the stream midstream exception policy in force, as
// Suricata 8 resolves it: stream.midstream-policy when set, else the
// exception-policy master switch, else drop-flow in IPS mode with
// midstream pick-up disabled and ignore otherwise. It refuses the
// combinations Suricata refuses to start with.
func (c Config) MidstreamPolicy() (string, error) {
	auto := func() string {
		if c.IPS && !c.Midstream {
			return PolicyDropFlow
		}
		return PolicyIgnore
	}
	p := c.MidstreamExceptionPolicy
	switch {
	case p != "":
		switch {
		case p == PolicyAuto:
			p = auto()
		case c.Midstream && p != PolicyIgnore && p != PolicyPassFlow:
			return "", fmt.Errorf("stream.midstream-policy %s with stream.midstream on: %w (want pass-flow or ignore)", p, ErrPolicy)
		}
		if !c.IPS && p == PolicyDropFlow {
			return "", fmt.Errorf("stream.midstream-policy %s in IDS mode: %w", p, ErrPolicy)
		}
	case c.ExceptionPolicy != "":
		p = c.ExceptionPolicy
		if !c.IPS && (p == PolicyDropFlow || p == PolicyDropPacket) {
			p = PolicyIgnore
		}
		if p == PolicyAuto {
			p = auto()
		}
	default:
		p = auto()
	}
	if p == PolicyDropPacket || p == PolicyPassPacket {
		return "", fmt.Errorf("stream.midstream-policy %s: %w (not a flow policy)", p, ErrPolicy)
	}
	return p, nil
}

// midstream applies the midstream exception policy to a TCP packet of a
// flow without a session, as Suricata's stream engine does to a FIN,
// SYN/ACK or ACK packet that does not follow a SYN: it records the
// policy on the flow, picks the session up when midstream pick-up is on
// (or, for a SYN/ACK, one-sided sessions are followed) and the policy
// lets it. A drop-flow policy drops the flow (inline),
// pass-flow and bypass pass it: the engine inspects none of it after.
func (t *Tracker) midstream(f *flowState, p *inspect.Packet) {
	tc := f.tcp
	flags := p.TCPFlags
	switch {
	case tc.session || flags&flagRST != 0:
		return
	case flags&(flagSYN|flagACK) == flagSYN:
		tc.session = true
		tc.reassemble, f.Reassembled = true, true
		return
	case flags&(flagFIN|flagACK) == 0:
		return
	}
	pol := t.midPolicy
	if !f.HasException(TargetMidstream) {
		f.Exceptions = append(f.Exceptions, inspect.Exception{Target: TargetMidstream, Policy: policyNames[pol]})
	}
	t.stats.Midstream++
	switch pol {
	case PolicyReject, PolicyRejectBoth, PolicyDropFlow:
		if pol != PolicyDropFlow && !t.cfg.IPS {
			break
		}
		f.Action, f.ActionByPolicy = "drop", true
		p.NoInspect, p.DropReason = true, DropMidstream
	case PolicyBypass, PolicyPassFlow:
		f.Bypassed = pol == PolicyBypass
		if f.Action == "" {
			f.Action, f.ActionByPolicy = "pass", true
		}
		p.NoInspect = true
	}
	synAck := flags&(flagSYN|flagACK) == flagSYN|flagACK
	if (t.cfg.Midstream || t.cfg.AsyncOneside && synAck) && (pol == PolicyIgnore || pol == PolicyPassFlow) && (flags&flagFIN == 0 || len(p.Payload) > 0) {
		tc.session = true
		tc.reassemble, f.Reassembled = true, true
		// Suricata marks every midstream pick-up one-sided (ASYNC) with
		// stream.async-oneside, until both sides were seen
		tc.async = t.cfg.AsyncOneside
	}
}

// stopped reports whether f's packets are no longer processed: it is
// bypassed, or dropped inline (IPS, or by an exception policy). A drop
// rule in IDS mode only marks the flow (EVE flow.action): Suricata's
// stream engine follows it on (StreamTcpCheckFlowDrops holds in IPS
// mode only).
func (t *Tracker) stopped(f *flowState) bool {
	return f.Bypassed || f.Action == "drop" && (t.cfg.IPS || f.ActionByPolicy)
}
