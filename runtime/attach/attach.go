package attach

import (
	"errors"
	"fmt"
	"net"

	"github.com/cilium/ebpf"
)

// Direction is which way traffic is classified.
type Direction uint8

const (
	Ingress Direction = 1 << iota
	Egress
	Both = Ingress | Egress
)

// ParseDirection reads "ingress", "egress" or "both".
func ParseDirection(s string) (Direction, error) {
	switch s {
	case "ingress":
		return Ingress, nil
	case "egress":
		return Egress, nil
	case "both":
		return Both, nil
	}
	return 0, fmt.Errorf("direction %q: want ingress, egress or both", s)
}

func (d Direction) String() string {
	switch d {
	case Ingress:
		return "ingress"
	case Egress:
		return "egress"
	case Both:
		return "both"
	}
	return fmt.Sprintf("direction(%d)", uint8(d))
}

// Mode picks the attach mechanism.
type Mode string

const (
	Auto   Mode = "auto"   // TCX where the kernel has it, else clsact
	TCX    Mode = "tcx"    // TCX or fail
	Clsact Mode = "clsact" // clsact qdisc and bpf filter
)

// Errors of Attach.
var (
	ErrNoInterface = errors.New("no such interface")
	ErrNoTCX       = errors.New("the kernel has no TCX")
)

// hook is one attach point of a program.
type hook interface {
	update(prog *ebpf.Program) error
	close() error
}

// Attachment is a program attached to the chosen directions of one
// interface.
type Attachment struct {
	Iface   string
	Kind    Mode // TCX or Clsact: what Attach used
	ifindex int
	hooks   []hook
	qdisc   *clsactQdisc // clsact only
}

func newAttachment(iface string, dir Direction) (*Attachment, error) {
	ifc, err := net.InterfaceByName(iface)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %w", ErrNoInterface, iface, err)
	}
	if dir&Both == 0 {
		return nil, fmt.Errorf("attach to %s: no direction", iface)
	}
	return &Attachment{Iface: iface, ifindex: ifc.Index}, nil
}

// Attach attaches prog to iface in the directions of dir.
func Attach(iface string, dir Direction, prog *ebpf.Program, mode Mode) (*Attachment, error) {
	a, err := newAttachment(iface, dir)
	if err != nil {
		return nil, err
	}
	switch mode {
	case Auto, TCX:
		err = a.attachTCX(dir, prog)
		if errors.Is(err, ErrNoTCX) && mode == Auto {
			err = a.attachClsact(a.ifindex, dir, prog)
		}
	case Clsact:
		err = a.attachClsact(a.ifindex, dir, prog)
	default:
		err = fmt.Errorf("attach mode %q: want auto, tcx or clsact", mode)
	}
	if err != nil {
		return nil, errors.Join(err, a.Close())
	}
	return a, nil
}

// Update replaces the attached program with prog in every direction.
func (a *Attachment) Update(prog *ebpf.Program) error {
	for _, h := range a.hooks {
		if err := h.update(prog); err != nil {
			return fmt.Errorf("update %s program on %s: %w", a.Kind, a.Iface, err)
		}
	}
	return nil
}

// Close detaches the program and removes what Attach added.
func (a *Attachment) Close() error {
	var errs []error
	for _, h := range a.hooks {
		errs = append(errs, h.close())
	}
	a.hooks = nil
	if a.qdisc != nil {
		errs = append(errs, a.qdisc.release())
		a.qdisc = nil
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("detach from %s: %w", a.Iface, err)
	}
	return nil
}
