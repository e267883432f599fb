package eve

import (
	"encoding/json"
	"net/netip"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestAlertFiles: an alert on a transaction lists the transaction's
// files as Suricata's EveFileInfo, an open file in state UNKNOWN.
func TestAlertFiles(t *testing.T) {
	f := &inspect.Flow{ID: 1, Proto: 6, Client: netip.MustParseAddr("10.0.0.1"), Server: netip.MustParseAddr("10.0.0.2")}
	u := &inspect.Unit{Flow: f, Kind: inspect.KindApp, Tx: 3, Files: []inspect.FileInfo{
		{Name: []byte("a.pdf"), Size: 10, Closed: true}, {Name: []byte("b.txt"), Size: 2}}}
	ev := UnitEvent(u)
	ev.EventType = "alert"
	b, err := json.Marshal(ev)
	want := `"files":[{"filename":"a.pdf","gaps":false,"state":"CLOSED","stored":false,"size":10,"tx_id":2},` +
		`{"filename":"b.txt","gaps":false,"state":"UNKNOWN","stored":false,"size":2,"tx_id":2}]`
	if err != nil || !strings.Contains(string(b), want) {
		t.Errorf("%s %v", b, err)
	}
}

// TestFileinfoRecord: a fileinfo record is written in the file's
// direction with the flow's app_proto, and the files type turns it on.
func TestFileinfoRecord(t *testing.T) {
	f := &inspect.Flow{ID: 1, Proto: 6, App: "http", Client: netip.MustParseAddr("10.0.0.1"), Server: netip.MustParseAddr("10.0.0.2"),
		ClientPort: 40000, ServerPort: 80}
	u := &inspect.Unit{Flow: f, Kind: inspect.KindApp, Dir: inspect.ToClient, Tx: 1,
		Fields: map[string]map[string]any{"http": {"url": "/a"}, "fileinfo": {"filename": "/a"}}}
	ev := RecordEvent(u)
	if ev.EventType != "fileinfo" || ev.SrcIP != f.Server || ev.SrcPort != 80 || ev.AppProto != "http" || ev.TxID != nil {
		t.Errorf("record %+v", ev)
	}
	if !SuricataDefault().On("fileinfo") || (Types{"alert": true}).On("fileinfo") {
		t.Error("fileinfo records not under the files type")
	}
}
