package flow

import (
	"github.com/rulec/rulec/runtime/flow/ssh"
	"github.com/rulec/rulec/runtime/inspect"
)

// sshData reads one side of an SSH flow (one transaction, as Suricata's):
// its banner and its KEXINIT each give a unit of the side's direction;
// once both sides sent NEWKEYS the encryption handling applies;
// the ssh record is written once both banners were read (both sides'
// NEWKEYS when HASSH is on, as Suricata's log condition).
func (t *Tracker) sshData(f *flowState, d inspect.Dir, b []byte) {
	a := &f.app
	side := &a.ssh[d]
	if side.Done() {
		return
	}
	server := d == inspect.ToClient
	p := side.Feed(b, server)
	if !t.chargeApp(f) {
		side.Stop()
		t.chargeApp(f)
	}
	if p.NewKeys {
		a.sshNewKeys[d] = true
		if a.sshNewKeys[inspect.ToServer] && a.sshNewKeys[inspect.ToClient] {
			t.encrypted(f, t.cfg.SSHEncryption)
		}
	}
	if !p.Banner && !p.KexInit && !p.NewKeys {
		return
	}
	if f.txSeq == 0 {
		f.txSeq = 1
	}
	cli, srv := &a.ssh[inspect.ToServer], &a.ssh[inspect.ToClient]
	hassh := t.cfg.Hassh == On
	u := t.unit(f, inspect.KindApp, d)
	u.Tx = f.txSeq
	side.Fill(u, server)
	u.Fields = t.sshFields(f)
	if p.Banner || p.KexInit {
		t.send(u)
	}
	ready := cli.Proto != nil && srv.Proto != nil
	if hassh {
		ready = cli.Done() && srv.Done()
	}
	if ready && !a.sshLogged {
		a.sshLogged = true
		t.record(u)
	}
}

// sshFields are the EVE sections of an SSH unit: the flow's ssh record.
func (t *Tracker) sshFields(f *flowState) map[string]map[string]any {
	a := &f.app
	return map[string]map[string]any{"ssh": ssh.Record(&a.ssh[inspect.ToServer], &a.ssh[inspect.ToClient], t.cfg.Hassh == On)}
}
