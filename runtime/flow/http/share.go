package http

import "github.com/rulec/rulec/runtime/inspect"

// A transaction's buffer lists are shared by its units rather than copied
// into each (inspect.Unit.Share): a response unit shares the request's
// list as responses see it (its dual buffers under their request-side
// names), made once, and the response's.

// share gives u the buffers of list l: shared when setting them one by
// one would give l itself (no single buffer's name comes twice), else set
// one by one.
func (tx *Tx) share(u *inspect.Unit, l []buffer) {
	if multi, ok := sharable(l); ok {
		u.Share(l, multi)
		return
	}
	u.Grow(len(l))
	for _, b := range l {
		if b.Tag&bufMulti != 0 {
			u.AddBuffer(b.Name, b.B)
		} else {
			u.SetBuffer(b.Name, b.B)
		}
	}
}

// sharable reports whether l, set buffer by buffer on a unit, is l: no
// single buffer's name comes twice; multi says a name does come twice (a
// multi-buffer's instances).
func sharable(l []buffer) (multi, ok bool) {
	for i := range l {
		for j := range i {
			if l[j].Name == l[i].Name {
				if l[i].Tag&bufMulti == 0 {
					return false, false
				}
				multi = true
			}
		}
	}
	return multi, true
}

// asResponse is the request's list as responses see it, and the list
// it was made from.
type asResponse struct {
	from *buffer
	n    int
	l    []buffer
}

// requestAsResponse returns the request's buffers as a response unit
// has them: its dual buffers under their request-side names.
func (tx *Tx) requestAsResponse() []buffer {
	var from *buffer
	if len(tx.req) > 0 {
		from = &tx.req[0]
	}
	if a := &tx.asResp; a.l != nil && a.from == from && a.n == len(tx.req) {
		return a.l
	}
	l := make([]buffer, len(tx.req))
	for i, b := range tx.req {
		if b.Tag&bufDual != 0 {
			b.Name = toServerName(b.Name)
		}
		l[i] = b
	}
	tx.asResp = asResponse{from, len(tx.req), l}
	return l
}
