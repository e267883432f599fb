package eve

import "testing"

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
