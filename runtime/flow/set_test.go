package flow

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/defrag"
)

func TestSet(t *testing.T) {
	c := DefaultConfig()
	for _, kv := range [][2]string{
		{"flow.memcap", "32mb"}, {"stream.memcap", "1GiB"}, {"stream.reassembly.memcap", "512kb"},
		{"app-layer.protocols.http.memcap", "100000"}, {"app-layer.protocols.http.meta-field-limit", "8k"},
		{"app-layer.protocols.http.headers-limit", "50"}, {"flow-timeouts.tcp.emergency-new", "2"},
		{"flow-timeouts.default.established", "90s"}, {"flow.emergency-recovery", "40"}, {"stream.midstream", "true"},
		{"app-layer.protocols.http.libhtp.default-config.double-decode-path", "yes"},
	} {
		if err := c.Set(kv[0], kv[1]); err != nil {
			t.Fatalf("%s=%s: %v", kv[0], kv[1], err)
		}
	}
	if c.FlowMemcap != 32<<20 || c.StreamMemcap != 1<<30 || c.MaxOutOfOrderTotal != 512<<10 || c.HTTPMemcap != 100000 ||
		c.HTTP.FieldLimit != 8<<10 || c.HTTP.MaxHeaders != 50 || c.TCPTimeouts.EmergencyNew != 2*time.Second ||
		c.OtherTimeouts.Established != 90*time.Second || c.EmergencyRecovery != 40 || !c.Midstream ||
		!c.HTTP.DoubleDecodePath || c.HTTP.DoubleDecodeQuery {
		t.Errorf("config %+v", c)
	}
	for _, bad := range []struct {
		k, v string
		want error
	}{
		{"flow.memcapx", "1", ErrSetting}, {"flow-timeouts.udp.new", "1", ErrSetting}, {"flow.memcap", "12 parsecs", ErrSize},
		{"flow.memcap", "-1", ErrSize}, {"flow-timeouts.tcp.new", "soon", ErrDuration},
	} {
		if err := c.Set(bad.k, bad.v); !errors.Is(err, bad.want) {
			t.Errorf("%s=%s: %v, want %v", bad.k, bad.v, err, bad.want)
		}
	}
	for _, k := range Settings {
		if err := c.Set(k, "1"); errors.Is(err, ErrSetting) {
			t.Errorf("listed setting %s unknown", k)
		}
	}
}

func TestSetSMTP(t *testing.T) {
	c := DefaultConfig()
	for _, kv := range [][2]string{
		{"app-layer.protocols.smtp.mime.decode-base64", "no"}, {"app-layer.protocols.smtp.mime.log-url-scheme", "yes"},
		{"app-layer.protocols.smtp.mime.extract-urls-schemes", "[http, https, ftp://]"},
		{"app-layer.protocols.smtp.inspected-tracker.content-limit", "1kb"},
	} {
		if err := c.Set(kv[0], kv[1]); err != nil {
			t.Fatalf("%s=%s: %v", kv[0], kv[1], err)
		}
	}
	if c.SMTP.DecodeBase64 || !c.SMTP.LogURLScheme || c.SMTP.URLSchemes != "http:// https:// ftp://" || c.SMTP.FileLimit != 1024 {
		t.Errorf("smtp config %+v", c.SMTP)
	}
	if err := c.Set("app-layer.protocols.smtp.mime.decode-mime", "auto"); err == nil {
		t.Error("decode-mime took auto")
	}
}

func TestSetDefrag(t *testing.T) {
	c := DefaultConfig()
	for _, kv := range [][2]string{{"defrag.memcap", "1mb"}, {"defrag.timeout", "30"}, {"defrag.trackers", "100"}, {"defrag.max-frags", "1000"}, {"defrag.policy", "last"}} {
		if err := c.Set(kv[0], kv[1]); err != nil {
			t.Fatalf("%s=%s: %v", kv[0], kv[1], err)
		}
	}
	want := defrag.Config{Memcap: 1 << 20, Timeout: 30 * time.Second, MaxTrackers: 100, MaxFragments: 1000, Policy: defrag.Last}
	if c.Defrag != want {
		t.Errorf("defrag %+v, want %+v", c.Defrag, want)
	}
	if err := c.Set("defrag.policy", "windows"); !errors.Is(err, defrag.ErrPolicy) {
		t.Errorf("unknown policy: %v", err)
	}
}

// TestSetDecoder: --set takes the decoder's UDP encapsulation settings,
// port variables of the default suricata.yaml resolved.
func TestSetDecoder(t *testing.T) {
	c := DefaultConfig()
	for _, kv := range [][2]string{{"decoder.teredo.ports", "any"}, {"decoder.vxlan.ports", "[8472, $VXLAN_PORTS]"}, {"decoder.geneve.enabled", "no"}} {
		if err := c.Set(kv[0], kv[1]); err != nil {
			t.Fatalf("%s=%s: %v", kv[0], kv[1], err)
		}
	}
	d := c.Decoder
	if !d.Teredo.On(1, 2) || !d.VXLAN.OnDest(4789) || !d.VXLAN.OnDest(8472) || d.Geneve.On(6081, 6081) {
		t.Errorf("decoder %+v, want teredo on any port, vxlan on 4789 and 8472, geneve off", d)
	}
	if err := c.Set("decoder.vxlan.ports", "$NO_SUCH_PORTS"); err == nil {
		t.Error("an unknown port variable was taken")
	}
}

func TestShare(t *testing.T) {
	c := DefaultConfig()
	s := c.Share(4)
	if s.MaxFlows != withDefaults(c).MaxFlows/4 || s.HTTPMemcap != c.HTTPMemcap/4 || s.StreamMemcap != c.StreamMemcap/4 ||
		s.MaxOutOfOrderTotal != c.MaxOutOfOrderTotal/4 || s.FlowMemcap != c.FlowMemcap/4 || s.MaxOutOfOrder != c.MaxOutOfOrder {
		t.Errorf("share of 4: %+v", s)
	}
	if !reflect.DeepEqual(c.Share(1), c) {
		t.Error("share of 1 changed the config")
	}
}
