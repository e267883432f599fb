package suricata

import (
	"testing"

	"github.com/rulec/rulec/diag"
)

// TestPrefilterAfterAnyMatch: prefilter applies to the last match keyword
// of any kind, as Suricata's DetectGetLastSM: a flowbit or flow test
// counts, rule metadata does not.
func TestPrefilterAfterAnyMatch(t *testing.T) {
	for _, rule := range []string{
		`alert tcp any any -> any any (flowbits:isset,common2; prefilter; dsize:259; sid:1;)`,
		`alert tcp any any -> any any (flow:to_client; prefilter; sid:2;)`,
		`alert tcp any any -> any any (content:"a"; prefilter; sid:3;)`,
	} {
		mustCompile(t, rule)
	}
	mustFail(t, `alert tcp any any -> any any (msg:"x"; prefilter; content:"a"; sid:4;)`, diag.ErrMissing, "preceding keyword")
}
