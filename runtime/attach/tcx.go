package attach

import (
	"errors"
	"fmt"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
)

type tcxHook struct{ l link.Link }

func (h tcxHook) update(prog *ebpf.Program) error { return h.l.Update(prog) }
func (h tcxHook) close() error                    { return h.l.Close() }

func (a *Attachment) attachTCX(ifindex int, dir Direction, prog *ebpf.Program) error {
	a.Kind = TCX
	for _, d := range []struct {
		dir Direction
		at  ebpf.AttachType
	}{{Ingress, ebpf.AttachTCXIngress}, {Egress, ebpf.AttachTCXEgress}} {
		if dir&d.dir == 0 {
			continue
		}
		l, err := link.AttachTCX(link.TCXOptions{Interface: ifindex, Program: prog, Attach: d.at})
		if errors.Is(err, ebpf.ErrNotSupported) {
			return fmt.Errorf("%w: %w", ErrNoTCX, err)
		}
		if err != nil {
			return fmt.Errorf("attach TCX %s to %s: %w", d.dir, a.Iface, err)
		}
		a.hooks = append(a.hooks, tcxHook{l})
	}
	return nil
}
