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

// tcxPoints are the TCX attach points of each direction.
var tcxPoints = []struct {
	dir Direction
	at  ebpf.AttachType
}{{Ingress, ebpf.AttachTCXIngress}, {Egress, ebpf.AttachTCXEgress}}

func (a *Attachment) attachTCX(dir Direction, prog *ebpf.Program) error {
	a.Kind = TCX
	for _, d := range tcxPoints {
		if dir&d.dir == 0 {
			continue
		}
		l, err := a.tcx(d.at, prog)
		if err != nil {
			return fmt.Errorf("attach TCX %s to %s: %w", d.dir, a.Iface, err)
		}
		a.hooks = append(a.hooks, tcxHook{l})
	}
	return nil
}

// tcx attaches prog at one TCX point of the interface.
func (a *Attachment) tcx(at ebpf.AttachType, prog *ebpf.Program) (link.Link, error) {
	l, err := link.AttachTCX(link.TCXOptions{Interface: a.ifindex, Program: prog, Attach: at})
	if errors.Is(err, ebpf.ErrNotSupported) {
		return nil, fmt.Errorf("%w: %w", ErrNoTCX, err)
	}
	return l, err
}
