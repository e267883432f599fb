package live

import "testing"

func TestFlowRules(t *testing.T) {
	o := compile(t, e2eRules+`alert tcp any any -> any 80 (msg:"est"; flow:established,to_server; content:"x"; sid:103;)
alert tcp any any -> any 25 (msg:"syn"; flags:S; sid:104;)
`)
	if n := FlowRules(o); n != 2 {
		t.Errorf("FlowRules = %d, want 2 (the http.uri rule and the flow:established rule)", n)
	}
	if n := FlowRules(compile(t, "alert udp any any -> any 53 (msg:\"u\"; content:\"x\"; sid:1;)\n")); n != 0 {
		t.Errorf("FlowRules of a packet rule = %d, want 0", n)
	}
}
