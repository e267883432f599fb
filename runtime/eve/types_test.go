package eve

import (
	"bytes"
	"testing"
)

// The http type's dump-all-headers option names the directions whose
// headers the http section lists.
func TestDumpAllHeadersOption(t *testing.T) {
	for dump, want := range map[string][2]bool{"both": {true, true}, "request": {true, false}, "response": {false, true}, "": {false, false}} {
		doc := "outputs:\n  - eve-log:\n      types:\n        - http:\n            dump-all-headers: " + dump + "\n"
		types, ok, err := TypesFromYAML([]byte(doc))
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		if got := [2]bool{types.On(HTTPRequestHeaders), types.On(HTTPResponseHeaders)}; got != want || !types.On("http") {
			t.Errorf("%q: %v, want %v", dump, got, want)
		}
	}
}

func TestYes(t *testing.T) {
	for v, want := range map[any]bool{
		true: true, false: false, "yes": true, "YES": true, "On": true,
		"true": true, "1": true, 1: true, "no": false, "off": false,
		"0": false, 0: false, "": false, nil: false, "y": false,
	} {
		if got := Yes(v); got != want {
			t.Errorf("Yes(%#v) = %v, want %v", v, got, want)
		}
	}
}

// An http type without extended: yes (a bare "- http", "- http:" or
// other options) writes basic records; extended: yes the full ones.
func TestHTTPExtendedOption(t *testing.T) {
	for entry, basic := range map[string]bool{
		"- http":                            true,
		"- http:":                           true,
		"- http:\n            extended: no": true,
		"- http:\n            dump-all-headers: both":  true,
		"- http:\n            extended: yes":           false,
		"- http:\n            extended: yes\n        ": false,
	} {
		doc := "outputs:\n  - eve-log:\n      types:\n        " + entry + "\n"
		types, ok, err := TypesFromYAML([]byte(doc))
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		if types.On(HTTPBasic) != basic || !types.On("http") {
			t.Errorf("%q: basic %v, want %v", entry, types.On(HTTPBasic), basic)
		}
	}
	if SuricataDefault().On(HTTPBasic) {
		t.Error("Suricata's default suricata.yaml has extended: yes")
	}
}

// The eve-log pcap-file option is kept as PcapFile; records then end
// with Suricata's pcap_filename, before rulec's object.
func TestPcapFileOption(t *testing.T) {
	for v, want := range map[string]bool{"true": true, "yes": true, "no": false} {
		doc := "outputs:\n  - eve-log:\n      pcap-file: " + v + "\n      types:\n        - alert\n"
		types, ok, err := TypesFromYAML([]byte(doc))
		if err != nil || !ok || types.On(PcapFile) != want {
			t.Errorf("pcap-file: %s: %v %v %v", v, types.On(PcapFile), ok, err)
		}
	}
	b, err := (&Event{EventType: "alert", PcapFilename: "/x/in.pcap", Rulec: &Rulec{Tier: "kernel"}}).MarshalJSON()
	if err != nil || !bytes.HasSuffix(b, []byte(`"pcap_filename":"/x/in.pcap","rulec":{"tier":"kernel"}}`)) {
		t.Errorf("%s %v", b, err)
	}
}
