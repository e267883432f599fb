package attach

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
)

// ErrPinClsact reports a pinned attachment asked of clsact, whose filters
// cannot be pinned.
var ErrPinClsact = errors.New("pinning needs TCX")

// pinnedTCX is a TCX link pinned in a bpffs file.
type pinnedTCX struct {
	l    link.Link
	path string
}

func (h pinnedTCX) update(prog *ebpf.Program) error { return h.l.Update(prog) }

// close unpins and closes the link: the program is detached.
func (h pinnedTCX) close() error { return errors.Join(h.l.Unpin(), h.l.Close()) }

// release closes the link and leaves it pinned: the program stays.
func (h pinnedTCX) release() error { return h.l.Close() }

// AttachPinned attaches prog with TCX links pinned in dir, one a
// direction: a link an earlier process pinned there is adopted and its
// program replaced in one step, so the interface is never without a
// classifier. A pinned direction not asked for is detached.
func AttachPinned(iface string, dir Direction, prog *ebpf.Program, mode Mode, pinDir string) (*Attachment, error) {
	if mode == Clsact {
		return nil, fmt.Errorf("attach to %s: %w", iface, ErrPinClsact)
	}
	a, err := newAttachment(iface, dir)
	if err != nil {
		return nil, err
	}
	a.Kind = TCX
	if err := os.MkdirAll(pinDir, 0o700); err != nil {
		return nil, fmt.Errorf("pin directory: %w", err)
	}
	for _, d := range tcxPoints {
		path := filepath.Join(pinDir, "link_"+d.dir.String())
		old, err := link.LoadPinnedLink(path, nil)
		switch {
		case err == nil && dir&d.dir == 0:
			err = pinnedTCX{old, path}.close()
		case err == nil:
			if err = old.Update(prog); err == nil {
				a.hooks = append(a.hooks, pinnedTCX{old, path})
			}
		case errors.Is(err, os.ErrNotExist) && dir&d.dir != 0:
			var l link.Link
			if l, err = a.tcx(d.at, prog); err == nil {
				if err = l.Pin(path); err == nil {
					a.hooks = append(a.hooks, pinnedTCX{l, path})
				} else {
					l.Close()
				}
			}
		case errors.Is(err, os.ErrNotExist):
			err = nil
		}
		if err != nil {
			return nil, errors.Join(fmt.Errorf("pinned TCX %s on %s: %w", d.dir, iface, err), a.Close())
		}
	}
	return a, nil
}

// Release closes the attachment but leaves pinned links attached, for the
// next process to adopt; hooks that are not pinned are detached.
func (a *Attachment) Release() error {
	var errs []error
	for _, h := range a.hooks {
		if p, ok := h.(pinnedTCX); ok {
			errs = append(errs, p.release())
		} else {
			errs = append(errs, h.close())
		}
	}
	a.hooks = nil
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("release %s: %w", a.Iface, err)
	}
	return nil
}
