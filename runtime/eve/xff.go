package eve

import (
	"bytes"
	"net/netip"
	"strings"

	"github.com/rulec/rulec/runtime/inspect"
)

// XFF is Suricata's X-Forwarded-For handling of alert output: with an
// HTTP request carrying the header, "overwrite" replaces the flow's client
// address in the alert by the header's address, "extra-data" adds it as
// "xff". The forward deployment takes the header's first address, reverse
// its last.
type XFF struct {
	Mode       string // "overwrite" or "extra-data"
	Deployment string // "forward" or "reverse"
	Header     string // default X-Forwarded-For
}

// Address returns the header's address in "Name: value" request header
// lines, as the deployment picks it.
func (x *XFF) Address(headers []byte) (netip.Addr, bool) {
	name := x.Header
	if name == "" {
		name = "X-Forwarded-For"
	}
	for _, line := range bytes.Split(headers, []byte("\n")) {
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok || !strings.EqualFold(strings.TrimSpace(string(k)), name) {
			continue
		}
		list := strings.Split(string(v), ",")
		pick := list[0]
		if x.Deployment == "reverse" {
			pick = list[len(list)-1]
		}
		a, err := netip.ParseAddr(strings.TrimSpace(pick))
		return a, err == nil
	}
	return netip.Addr{}, false
}

// Apply rewrites or annotates ev, an alert on unit u, when u is an HTTP
// request carrying the header: overwrite replaces the flow's client
// address, extra-data sets XFF.
func (x *XFF) Apply(ev *Event, u *inspect.Unit) {
	var addr netip.Addr
	ok := u.Instances("http.request_header", func(line []byte) bool {
		var found bool
		addr, found = x.Address(line)
		return found
	})
	if !ok {
		return
	}
	if x.Mode != "overwrite" {
		ev.XFF = addr.String()
		return
	}
	switch u.Flow.Client {
	case ev.SrcIP:
		ev.SrcIP = addr
	case ev.DestIP:
		ev.DestIP = addr
	}
}
