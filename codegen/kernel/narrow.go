package kernel

// Narrowing indexes the slots by what can select them, so that a packet
// visits only the slots it can match instead of every slot its header
// selects: a kernel slot's items must all hold, so a slot with a positive
// (not negated) item can only match a packet in which the automaton found
// one of them; a userspace slot with a prefilter item (prefilter.go) copies
// a packet whose buffer the classifier decides only if the item is found. The classifier (bpf/rulec.bpf.c) and the reference
// evaluator (runtime/refeval) scan first, then walk the header's slots
// restricted to Walk and the slots of the items found (ItemSlots).
type Narrowing struct {
	// Walk is the slots visited whatever the scans find: userspace
	// slots without a prefilter item and kernel slots without a
	// positive item.
	Walk Bitset
	// Payload and Name are the slots with items on the payload, and on
	// a name (dns.query or tls.sni): whether a packet's header selects
	// one decides whether that buffer is scanned.
	Payload, Name Bitset
	// DNS is the slots on dns.query (whether to parse the packet's DNS
	// query); SNI the kernel slots on tls.sni.
	DNS, SNI Bitset
	// UserPayload and UserDNS are the userspace slots with a prefilter
	// item on the payload and on dns.query: visited whatever the scans
	// find when the packet is not UDP, and not a DNS query the
	// classifier decided, respectively.
	UserPayload, UserDNS Bitset
	// ItemSlots[ItemStart[i]:ItemStart[i+1]] are the slots item i is a
	// positive item of, ascending.
	ItemStart []uint32
	ItemSlots []uint32
}

// Narrowing builds the index of t.
func (t *Tables) Narrowing() *Narrowing {
	n := &Narrowing{Walk: t.newBitset(), Payload: t.newBitset(), Name: t.newBitset(),
		DNS: t.newBitset(), SNI: t.newBitset(), UserPayload: t.newBitset(), UserDNS: t.newBitset()}
	byItem := make([][]uint32, len(t.Items))
	for i := range t.Slots {
		s := &t.Slots[i]
		switch {
		case s.Buffer.OnSNI():
			t.set(n.SNI, i)
		case s.Buffer != BufPayload:
			t.set(n.DNS, i)
		}
		switch {
		case s.ItemCount == 0:
		case s.Buffer == BufPayload:
			t.set(n.Payload, i)
		default:
			t.set(n.Name, i)
		}
		if s.Userspace && s.ItemCount > 0 {
			if s.Buffer == BufPayload {
				t.set(n.UserPayload, i)
			} else {
				t.set(n.UserDNS, i)
			}
		}
		pos := false
		for _, ref := range t.SlotItems[s.ItemStart : s.ItemStart+s.ItemCount] {
			if ref&ItemNegated == 0 {
				pos = true
				if l := byItem[ref]; len(l) == 0 || l[len(l)-1] != uint32(i) {
					byItem[ref] = append(l, uint32(i))
				}
			}
		}
		if !pos {
			t.set(n.Walk, i)
		}
	}
	n.ItemStart = make([]uint32, 0, len(t.Items)+1)
	for _, l := range byItem {
		n.ItemStart = append(n.ItemStart, uint32(len(n.ItemSlots)))
		n.ItemSlots = append(n.ItemSlots, l...)
	}
	n.ItemStart = append(n.ItemStart, uint32(len(n.ItemSlots)))
	return n
}

// Slots returns the kernel slots item id is a positive item of.
func (n *Narrowing) Slots(id uint32) []uint32 {
	return n.ItemSlots[n.ItemStart[id]:n.ItemStart[id+1]]
}
