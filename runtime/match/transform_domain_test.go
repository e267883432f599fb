package match

import "testing"

func TestDomainTransforms(t *testing.T) {
	for _, c := range []struct{ in, domain, tld string }{
		{"www.suricata.io", "suricata.io", "io"},
		{"news.bbc.co.uk", "bbc.co.uk", "co.uk"},
		{"bbc.co.uk", "bbc.co.uk", "co.uk"},
		{"co.uk", "", ""},
		{"a.b.example.unknowntld", "example.unknowntld", "unknowntld"},
		{"", "", ""},
	} {
		if d, s := string(registrableDomain([]byte(c.in))), string(publicSuffix([]byte(c.in))); d != c.domain || s != c.tld {
			t.Errorf("%q: domain %q tld %q, want %q %q", c.in, d, s, c.domain, c.tld)
		}
	}
	runCases(t, "alert dns any any -> any any", []matchCase{
		{"domain", `dns.query; domain; content:"bbc.co.uk"; startswith; endswith;`, http("dns.query", "www.bbc.co.uk"), true},
		{"tld", `dns.query; tld; content:"co.uk"; startswith; endswith;`, http("dns.query", "www.bbc.co.uk"), true},
	})
}
