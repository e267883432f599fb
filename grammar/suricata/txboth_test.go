package suricata

import "testing"

// TestTransactionalDirection: "=>" parses as Suricata 8's transactional
// direction and prints back as written.
func TestTransactionalDirection(t *testing.T) {
	src := `alert http any any => any 80 (http.uri; content:"/a"; http.stat_code; content:"200"; sid:1;)`
	rules, errs := ParseFile("t.rules", []byte(src))
	if errs.Len() != 0 {
		t.Fatal(errs)
	}
	r := rules[0]
	if !r.TxBoth || r.Bidir {
		t.Fatalf("TxBoth %v Bidir %v, want a transactional rule", r.TxBoth, r.Bidir)
	}
	if got := Format(r); got != src {
		t.Errorf("Format = %s", got)
	}
	if _, errs := ParseFile("t.rules", []byte(`alert http any any >> any any (sid:1;)`)); errs.Len() == 0 {
		t.Error(">> parsed")
	}
}
