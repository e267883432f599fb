package match

import (
	"strings"

	"golang.org/x/net/publicsuffix"
)

// registrableDomain is Suricata 8's domain transformation: the name's
// registrable domain (public suffix and one label more, by the Public
// Suffix List), or nothing when the name has none (it is a suffix itself,
// or malformed).
func registrableDomain(b []byte) []byte {
	d, err := publicsuffix.EffectiveTLDPlusOne(string(b))
	if err != nil {
		return nil
	}
	return []byte(d)
}

// publicSuffix is the tld transformation: the public suffix of a name that
// has a registrable domain, else nothing.
func publicSuffix(b []byte) []byte {
	d, err := publicsuffix.EffectiveTLDPlusOne(string(b))
	if err != nil {
		return nil
	}
	_, suffix, _ := strings.Cut(d, ".")
	return []byte(suffix)
}
