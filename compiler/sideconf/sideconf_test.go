package sideconf

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/diag"
)

func diagStrings(ds *diag.List) []string {
	var out []string
	for _, d := range ds.Items {
		out = append(out, d.Error())
	}
	return out
}

func TestParseThresholdDirectives(t *testing.T) {
	src := `# tuning
suppress gen_id 1, sig_id 10
suppress gen_id 1, sig_id 11, track by_src, ip 10.1.2.3
suppress gen_id 1, sig_id 12, track by_either, ip [192.0.2.0/24, $HOME_NET]
threshold gen_id 1, sig_id 13, type limit, track by_dst, count 2, seconds 30
event_filter gen_id 0, sig_id 0, type both, track by_rule, count 3, seconds 5
rate_filter gen_id 1, sig_id 14, track by_src, count 4, seconds 10, new_action drop, timeout 20
`
	dirs, ds := ParseThreshold("t.config", []byte(src), vars.NewResolver(vars.Defaults()))
	if ds.Len() != 0 {
		t.Fatalf("diagnostics: %v", diagStrings(ds))
	}
	if len(dirs) != 6 {
		t.Fatalf("%d directives, want 6", len(dirs))
	}
	if d := dirs[0]; d.Kind != "suppress" || d.SID != 10 || d.Suppress.Track != "" || d.Pos.Line != 2 {
		t.Errorf("plain suppress: %+v", d)
	}
	if d := dirs[1]; d.Suppress.Track != "by_src" || !d.Suppress.Addrs.Contains(netip.MustParseAddr("10.1.2.3")) || d.Suppress.Addrs.Contains(netip.MustParseAddr("10.1.2.4")) {
		t.Errorf("suppress by_src: %+v", d)
	}
	if d := dirs[2]; d.Suppress.Track != "by_either" || !d.Suppress.Addrs.Contains(netip.MustParseAddr("192.0.2.9")) || !d.Suppress.Addrs.Contains(netip.MustParseAddr("10.9.9.9")) || d.Suppress.Addrs.Contains(netip.MustParseAddr("8.8.8.8")) {
		t.Errorf("suppress list with a variable: %+v", d)
	}
	want := ir.Threshold{Kind: "limit", Track: "by_dst", Count: 2, Seconds: 30}
	if d := dirs[3]; d.Limit != want || d.GID != 1 || d.SID != 13 {
		t.Errorf("threshold: %+v", d)
	}
	if d := dirs[4]; d.Kind != "event_filter" || d.Limit.Kind != "both" || d.Limit.Track != "by_rule" || d.SID != 0 {
		t.Errorf("event_filter: %+v", d)
	}
	want = ir.Threshold{Kind: "rate_filter", Track: "by_src", Count: 4, Seconds: 10, NewAction: ir.ActDrop, Timeout: 20}
	if d := dirs[5]; d.Limit != want {
		t.Errorf("rate_filter: %+v", d.Limit)
	}
}

func TestBadLinesArePositionedAndSkipped(t *testing.T) {
	src := `suppress gen_id 1, sig_id 1
threshold gen_id 1, sig_id 2, type limit, track by_nobody, count 1, seconds 1
  bogus gen_id 1, sig_id 3
threshold gen_id 1, sig_id 4, type backoff, track by_src, count 1, seconds 1
threshold gen_id 0, sig_id 5, type limit, track by_src, count 1, seconds 1
rate_filter gen_id 1, sig_id 6, track by_src, count 0, seconds 1, new_action drop, timeout 1
suppress gen_id 1, sig_id 7, ip 1.2.3.4, track by_src
suppress gen_id 1, sig_id 8, track by_dst, ip 1.2.3.999
threshold gen_id 1, sig_id 9, type limit, track by_src, count 1, seconds 1
`
	dirs, ds := ParseThreshold("t.config", []byte(src), vars.NewResolver(vars.Defaults()))
	got := diagStrings(ds)
	want := []string{
		"t.config:2:43: track \"by_nobody\"",
		"t.config:3:3: unknown directive \"bogus\"",
		"t.config:4:31: type \"backoff\"",
		"t.config:5:1: sig_id 5 with gen_id 0",
		"t.config:6:47: count \"0\"",
		"t.config:7:30: want track, got \"ip\"",
		"t.config:8:44: ip \"1.2.3.999\"",
	}
	if len(got) != len(want) {
		t.Fatalf("diagnostics %q, want %d", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("diagnostic %d: %q, want prefix %q", i, got[i], want[i])
		}
	}
	if len(dirs) != 2 || dirs[0].SID != 1 || dirs[1].SID != 9 {
		t.Errorf("good lines kept: %+v", dirs)
	}
}

func TestParseClassificationAndReference(t *testing.T) {
	classes, ds := ParseClassification("c.config", []byte(`# c
config classification: My-Class,My very own class, 2
config classification: nopriority,Desc
config classification: bad,Bad priority,x
config classification:web-application-attack,Web Application Attack,1
`))
	got := diagStrings(ds)
	if len(got) != 2 || !strings.HasPrefix(got[0], "c.config:3:24:") || !strings.HasPrefix(got[1], "c.config:4:41:") {
		t.Errorf("diagnostics %q", got)
	}
	if classes["my-class"] != (Class{"My very own class", 2}) || classes["web-application-attack"] != (Class{"Web Application Attack", 1}) || len(classes) != 2 {
		t.Errorf("classes %+v", classes)
	}
	refs, ds := ParseReference("r.config", []byte("config reference: CVE http://cve.example/?id=\nconfig reference: url\nconfig reference: url http://\n"))
	if got := diagStrings(ds); len(got) != 1 || !strings.HasPrefix(got[0], "r.config:2:19:") {
		t.Errorf("diagnostics %q", got)
	}
	if refs["cve"] != "http://cve.example/?id=" || refs["url"] != "http://" {
		t.Errorf("references %v", refs)
	}
}

func rule(sid uint64, limits ...ir.Threshold) *ir.Rule {
	return &ir.Rule{Lang: ir.Suricata, Meta: ir.Meta{GID: 1, SID: sid}, Limits: limits}
}

// TestApplyPrecedence follows Suricata: a threshold for one sid replaces
// the rule's own; one for every rule, and any rate_filter, leave a rule
// with its own setting alone; suppress without a track silences the rule.
func TestApplyPrecedence(t *testing.T) {
	own := ir.Threshold{Kind: "threshold", Track: "by_src", Count: 5, Seconds: 60}
	df := ir.Threshold{Kind: "detection_filter", Track: "by_src", Count: 2, Seconds: 60}
	rules := []*ir.Rule{rule(1, own), rule(2), rule(3, df), rule(4), rule(5)}
	rules[4].Meta.GID = 3
	dirs, ds := ParseThreshold("t.config", []byte(`threshold gen_id 1, sig_id 1, type limit, track by_dst, count 1, seconds 10
event_filter gen_id 0, sig_id 0, type limit, track by_rule, count 7, seconds 7
rate_filter gen_id 1, sig_id 3, track by_src, count 1, seconds 1, new_action drop, timeout 5
suppress gen_id 1, sig_id 4
suppress gen_id 3, sig_id 0, track by_dst, ip 10.0.0.0/8
suppress gen_id 1, sig_id 77
`), vars.NewResolver(vars.Defaults()))
	if ds.Len() != 0 {
		t.Fatal(diagStrings(ds))
	}
	ads := Apply(dirs, rules)
	if len(rules[0].Limits) != 1 || rules[0].Limits[0] != (ir.Threshold{Kind: "limit", Track: "by_dst", Count: 1, Seconds: 10}) {
		t.Errorf("sid 1: own threshold not replaced: %+v", rules[0].Limits)
	}
	global := ir.Threshold{Kind: "limit", Track: "by_rule", Count: 7, Seconds: 7}
	if len(rules[1].Limits) != 1 || rules[1].Limits[0] != global {
		t.Errorf("sid 2: global event_filter not applied: %+v", rules[1].Limits)
	}
	if len(rules[2].Limits) != 1 || rules[2].Limits[0] != df {
		t.Errorf("sid 3: own detection_filter must take precedence over the global filter and the rate_filter: %+v", rules[2].Limits)
	}
	if !rules[3].NoAlert || rules[3].Limits[0] != global {
		t.Errorf("sid 4: %+v", rules[3])
	}
	if len(rules[4].Suppress) != 1 || rules[4].Suppress[0].Track != "by_dst" {
		t.Errorf("gid 3 suppress: %+v", rules[4].Suppress)
	}
	var overridden, unknown int
	for _, d := range ads.Items {
		if !d.Warning() {
			t.Errorf("%v is not a warning", d)
		}
		switch {
		case errors.Is(d.Err, ErrOverridden):
			overridden++
		case errors.Is(d.Err, ErrUnknownRule) && d.Pos.Line == 6:
			unknown++
		}
	}
	if overridden != 1 || unknown != 1 || ads.Len() != 2 {
		t.Errorf("apply diagnostics %q", diagStrings(ads))
	}
}
