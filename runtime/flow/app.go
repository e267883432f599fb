package flow

import (
	"github.com/rulec/rulec/runtime/flow/dcerpc"
	"github.com/rulec/rulec/runtime/flow/dns"
	"github.com/rulec/rulec/runtime/flow/frame"
	"github.com/rulec/rulec/runtime/flow/ftp"
	"github.com/rulec/rulec/runtime/flow/http"
	"github.com/rulec/rulec/runtime/flow/http2"
	"github.com/rulec/rulec/runtime/flow/pop3"
	"github.com/rulec/rulec/runtime/flow/smtp"
	"github.com/rulec/rulec/runtime/flow/ssh"
	"github.com/rulec/rulec/runtime/flow/tls"
	"github.com/rulec/rulec/runtime/inspect"
)

type appKind uint8

const (
	appUnknown appKind = iota
	appNone
	appHTTP
	appTLS
	appDNS
	appSSH
	appDCERPC
	appSMTP
	appFTP
	appFTPData
	appIMAP
	appPOP3
	appHTTP2
)

var appNames = [...]string{appHTTP: "http", appTLS: "tls", appDNS: "dns", appSSH: "ssh", appDCERPC: "dcerpc", appSMTP: "smtp", appFTP: "ftp", appFTPData: "ftp-data", appIMAP: "imap", appPOP3: "pop3", appHTTP2: "http2"}

// maxProbe is how many bytes of each direction are held while the
// protocol of a TCP flow is unknown; a server saying more before its
// client spoke is not one of the parsed protocols.
const maxProbe = 64

// maxWaitProbe is how many client bytes no protocol takes are held
// while the server has not spoken.
const maxWaitProbe = 4096

const portDNS = 53

// appState is a flow's app-layer protocol and parser.
type appState struct {
	held  int // bytes the TLS, SSH and DNS readers hold, charged to the stream memcap
	kind  appKind
	probe [3][]byte
	// first is the direction whose data came first while the protocol
	// was unknown.
	first inspect.Dir
	http  *http.Parser
	tls   tls.Reader
	dns   [3]dns.Stream
	// dnsMsgs counts the DNS messages parsed: Suricata 8's DNS
	// transactions, one per message, whose id a DNS frame carries.
	dnsMsgs int64
	// dnsQueries maps the ids of requests to their transactions, for the
	// config their response takes (Suricata's DNS tx config by id).
	dnsQueries map[uint16]uint64
	httpOpen   []*inspect.Unit // HTTP transactions awaiting their response
	// httpDone and httpDoneTx are the EVE sections and the transaction
	// of the last HTTP transaction completed, for its frames' alerts.
	httpDone   map[string]map[string]any
	httpDoneTx uint64
	tlsServer  tls.ServerReader
	tlsHello   *tls.ClientHello
	tlsSH      *tls.ServerHandshake
	// tlsPending is the hello's unit, inspected once the server answered
	// and the client sent again: Suricata parses a direction's data once
	// the other side acknowledged it and inspects it on the next packet
	// of its own direction, so the server's hello is known by then.
	tlsPending  *inspect.Unit
	tlsAnswered bool // the server sent a packet since the hello
	// tlsHSDone: by Dir, the side's handshake is done (Suricata's
	// TLS_STATE_CLIENT/SERVER_HANDSHAKE_DONE); the flow's tls record is
	// due once both are, and tlsLogged once that was decided.
	tlsHSDone [3]bool
	tlsLogged bool
	// tlsStateDue, by Dir: the direction's next packet inspects the TLS
	// progress (Config.TLSStates).
	tlsStateDue [3]bool
	// tlsDue is the direction of the packet that writes the record
	// (IDS mode: the other side's next one, which acknowledges the data
	// whose parsing ended the handshake), 0 when none is due.
	tlsDue inspect.Dir
	// tlsCheck raises the TLS parser's events; tlsEvents holds them by
	// the Dir of the bytes that raised them, each TLS unit carrying its
	// direction's. tlsTx is the flow's one TLS transaction.
	tlsCheck   tls.Checker
	tlsEvents  [3]tls.EventSet
	tlsTx      uint64
	tlsRecords [3]tls.Records // by Dir: where application data starts
	tlsFrames  [3]tls.Records // by Dir: the records' frames, when a rule inspects them
	ssh        [3]ssh.Side    // by Dir
	sshLogged  bool
	sshNewKeys [3]bool // by Dir: the side sent NEWKEYS
	dcerpc     *dcerpc.Parser
	smtp       *smtp.Parser
	smtpOpen   []*inspect.Unit // SMTP transactions whose record waits for their end
	smtpLogged uint64          // the last SMTP transaction (unit Tx) whose record was written
	// smtpFileTx (unit Tx) and smtpFileN: the transaction whose first
	// smtpFileN files have their fileinfo record.
	smtpFileTx uint64
	smtpFileN  int
	frames     [3]*frameDir // by Dir, when a rule inspects the protocol's frames
	ftp        *ftp.Parser
	ftpTxs     []*ftpTx // the FTP transactions not released, oldest first
	ftpData    *ftpDataState
	pop3       *pop3.Parser
	http2      *http2State
	// expectDone, by Dir: the direction's first data was checked
	// against the announced ftp-data connections.
	expectDone [3]bool
	// expect is the protocol a change asked for (TLS after STARTTLS),
	// appUnknown when none is under way.
	expect appKind
	// queued are the app units waiting for the next packet of their
	// direction (acked.go), in the order they were emitted.
	queued []*inspect.Unit
	// h2c is the HTTP/1 transaction whose 101 response asked for HTTP/2
	// (Upgrade: h2c), until the switch on the connection's next data.
	h2c *http.Tx
}

func (t *Tracker) setApp(f *flowState, k appKind) {
	a := &f.app
	a.kind = k
	if k == appNone {
		return
	}
	f.App = appNames[k]
	t.newFrames(f, f.App)
	for _, d := range []inspect.Dir{inspect.ToServer, inspect.ToClient} {
		if fd := a.frames[d]; fd != nil {
			a.ssh[d].Frames = fd
			a.tlsFrames[d].Frames = fd
		}
	}
	if k == appDCERPC {
		a.dcerpc = dcerpc.NewParser()
		a.dcerpc.MaxStub = t.cfg.DCERPCMaxStub
		if a.frames[inspect.ToServer] != nil {
			a.dcerpc.Frames = [2]frame.Marker{a.frames[inspect.ToServer], a.frames[inspect.ToClient]}
		}
	}
	if k == appFTP {
		a.ftp = ftp.NewParser(t.cfg.FTP)
	}
	if k == appPOP3 {
		a.pop3 = pop3.NewParser()
	}
	if k == appHTTP2 {
		a.http2 = &http2State{p: http2.NewParser()}
	}
	if k == appSMTP {
		a.smtp = smtp.NewParser(t.cfg.SMTP)
		if a.frames[inspect.ToServer] != nil {
			a.smtp.OnFrame = t.smtpFrames(f)
		}
	}
	if k == appHTTP {
		a.http = http.NewParser(t.cfg.HTTP, func(tx *http.Tx, st http.Stage) {
			if st == http.RequestHeaders && !tx.Unseen {
				t.stats.HTTPRequests++
			}
			if st == http.RequestHeaders || st == http.ResponseHeaders {
				t.countHTTPEvents(tx, st)
			}
			u := t.unit(f, inspect.KindApp, http.StageDir(st))
			u.Tx, u.Stage, u.AppTx = tx.ID+1, inspect.Stage(st), tx
			tx.Fill(u, st)
			if tx.Liftable(st) {
				u.Lift = func() {
					a.http.Lift(tx, st)
					stream, ok := u.Buffer("payload")
					u.ClearBuffers()
					if ok {
						u.SetBuffer("payload", stream)
					}
					tx.Fill(u, st)
				}
			}
			t.guessParsed(f, u)
			t.send(u)
			if st == http.RequestBody || st == http.ResponseBody {
				for _, file := range u.Files {
					t.fileRecord(f, u.Dir, u.Tx, map[string]map[string]any{"http": u.Fields["http"]}, file, file.State())
				}
			}
			t.httpRecord(f, u)
		})
		for _, d := range []inspect.Dir{inspect.ToServer, inspect.ToClient} {
			if fd := a.frames[d]; fd != nil {
				a.http.SetFrames(d, fd)
			}
		}
	}
}

// detectTCP decides a TCP flow's protocol from the bytes so far: the
// client's first bytes (an HTTP request line, a TLS handshake record),
// a server starting with an HTTP status line, a DCE/RPC PDU header
// either way, else port 53.
func (t *Tracker) detectTCP(f *flowState, d inspect.Dir, data []byte) appKind {
	dnsPort := f.ClientPort == portDNS || f.ServerPort == portDNS
	isSSH, moreSSH := ssh.Probe(data)
	isDCE, moreDCE := dcerpc.Probe(data)
	isSMTP, moreSMTP := smtpDetect(f, d, data)
	isFTP, moreFTP := ftpDetect(f, d, data)
	isIMAP, moreIMAP := imapDetect(d, data)
	isPOP3, morePOP3 := pop3Detect(f, d, data)
	isHTTP2, moreHTTP2 := http2Detect(f, d, data)
	if t.cfg.HTTP2Off {
		isHTTP2, moreHTTP2 = false, false
	}
	if d == inspect.ToClient {
		switch ok, _ := http.DetectResponse(data); {
		case ok:
			return appHTTP
		case isSSH:
			return appSSH
		case isDCE:
			return appDCERPC
		case isFTP:
			return appFTP
		case isSMTP:
			return appSMTP
		case isIMAP:
			return appIMAP
		case isHTTP2:
			return appHTTP2
		case isPOP3:
			return appPOP3
		case moreSMTP || moreFTP || morePOP3 || moreHTTP2:
			return appUnknown
		case dnsPort:
			return appDNS
		}
		return appUnknown
	}
	// Patterns first, then the port, as Suricata's detection runs its
	// pattern matcher before the probing parsers: an HTTP request from
	// port 53 is HTTP.
	isHTTP, moreHTTP := http.DetectRequest(data)
	isTLS, moreTLS := tls.Probe(data)
	switch {
	case isHTTP:
		return appHTTP
	case isHTTP2:
		return appHTTP2
	case isTLS:
		return appTLS
	case isSSH:
		return appSSH
	case isDCE:
		return appDCERPC
	case isSMTP:
		return appSMTP
	case isFTP:
		return appFTP
	case isIMAP:
		return appIMAP
	case isPOP3:
		return appPOP3
	case dnsPort:
		return appDNS
	case moreHTTP || moreTLS || moreSSH || moreDCE || moreSMTP || moreFTP || moreIMAP || morePOP3 || moreHTTP2:
		return appUnknown
	}
	return appNone
}

func (t *Tracker) appData(f *flowState, d inspect.Dir, b []byte) {
	a := &f.app
	if a.kind != appUnknown {
		t.appFeed(f, d, b)
		return
	}
	if len(a.probe[inspect.ToServer]) == 0 && len(a.probe[inspect.ToClient]) == 0 {
		a.first = d
	}
	data := b
	if len(a.probe[d]) > 0 {
		a.probe[d] = append(a.probe[d], b...)
		data = a.probe[d]
	}
	k := t.decideTCP(f, d, data)
	if k == appUnknown {
		if len(a.probe[d]) == 0 {
			a.probe[d] = append(a.probe[d], b...)
		}
		if n := len(a.probe[d]) - smtpMaxProbe; n > 0 && smtpBanner(d, a.probe[d]) && len(a.probe[inspect.ToServer]) == 0 {
			t.stats.SMTPTruncated++
			a.probe[d] = a.probe[d][:smtpMaxProbe]
		}
		return
	}
	held := a.probe
	a.probe = [3][]byte{}
	t.setApp(f, k)
	if k == appNone {
		t.protoFailed(f)
	} else {
		t.protoDetected(f, d, f.App)
		t.changeDetected(f, d, k)
	}
	defer t.changeDone(f)
	order := []inspect.Dir{inspect.ToServer, inspect.ToClient}
	if a.first == inspect.ToClient {
		// Suricata parses the direction whose data came first first (an
		// SMTP banner, an HTTP/2 server's SETTINGS)
		order[0], order[1] = order[1], order[0]
	}
	if a.http2 != nil {
		a.http2.dueAt = other(d)
	}
	for _, dd := range order {
		switch {
		case dd == d && len(held[dd]) == 0:
			t.appFeed(f, dd, b)
		case len(held[dd]) > 0:
			t.appFeed(f, dd, held[dd])
		}
	}
	if a.http2 != nil {
		a.http2.dueAt = 0
	}
}

// otherDirApp is the protocol of a direction whose first data comes
// after the other direction decided the flow's: as Suricata runs
// detection on each direction, a protocol its data shows (an SSH banner
// answering an HTTP request) is that direction's, while the flow keeps
// the protocol whose parser already has data; otherwise the flow's.
func (t *Tracker) otherDirApp(f *flowState, d inspect.Dir, b []byte) string {
	if k := t.detectTCP(f, d, b); k != appUnknown && k != appNone && k != f.app.kind {
		return appNames[k]
	}
	return f.App
}

// decideTCP is detectTCP on a direction's bytes so far, giving up on a
// direction past maxProbe bytes. Client bytes no protocol takes wait,
// up to maxWaitProbe, for the server's: as in Suricata, the server's
// answer (an HTTP status line) may still decide the flow.
func (t *Tracker) decideTCP(f *flowState, d inspect.Dir, data []byte) appKind {
	k := t.detectTCP(f, d, data)
	if (k == appUnknown || k == appNone) && t.ftpDataExpected(f, d) {
		return appFTPData
	}
	if k == appUnknown && len(data) > maxProbe && !(smtpBanner(d, data) && len(f.app.probe[inspect.ToServer]) == 0) {
		k = appNone
	}
	if k == appNone && d == inspect.ToServer && len(f.app.probe[inspect.ToClient]) == 0 && len(data) <= maxWaitProbe {
		k = appUnknown
	}
	return k
}

func (t *Tracker) appFeed(f *flowState, d inspect.Dir, b []byte) {
	a := &f.app
	if a.h2c != nil {
		t.h2cUpgrade(f)
	}
	a.frames[d].feed(b)
	defer a.frames[d].check(false)
	if f.AppDir[d] == "" && f.App != "" {
		name := t.otherDirApp(f, d, b)
		if name != f.App {
			t.appEvent(f, d, inspect.AppMismatchBothDirections)
		}
		t.protoDetected(f, d, name)
	}
	switch a.kind {
	case appHTTP:
		if a.http.Feed(d, b) != nil {
			t.stats.ParseErrors++
		}
		if a.http.Connected() {
			t.connectTunnel(f)
		} else if tx, rest := a.http.H2C(); tx != nil && !t.cfg.HTTP2Off {
			a.h2c = tx
			if len(rest) > 0 {
				t.h2cUpgrade(f)
				t.http2Data(f, inspect.ToClient, rest)
			}
		}
	case appTLS:
		t.guessTLS(f)
		t.tlsStateDue(f, d)
		t.tlsCheckFeed(f, d, b)
		if d == inspect.ToServer {
			t.tlsClient(f, b)
		} else {
			t.tlsServer(f, b)
		}
		types := a.tlsRecords[d].Feed(b)
		t.tlsProgress(f, d, types)
		t.tlsEncryption(f, d, types)
		if a.frames[d] != nil {
			a.tlsFrames[d].Feed(b)
		}
	case appSSH:
		t.sshData(f, d, b)
	case appDCERPC:
		t.dcerpcData(f, d, b)
	case appSMTP:
		t.smtpData(f, d, b)
	case appFTP:
		t.ftpData(f, d, b)
	case appFTPData:
		t.ftpDataFeed(f, d, b)
	case appPOP3:
		t.pop3Data(f, d, b)
	case appHTTP2:
		t.http2Data(f, d, b)
	case appDNS:
		a.dns[d].Feed(b, func(msg []byte, off uint64) { t.dnsFramed(f, d, msg, off) })
		if !t.chargeApp(f) {
			a.dns[d].Reset()
			t.chargeApp(f)
		}
	}
}

func (t *Tracker) appGap(f *flowState, d inspect.Dir, n int) {
	a := &f.app
	// frames are offsets in the stream the parser reads: past a hole
	// they are not followed
	a.frames[d].stop()
	switch a.kind {
	case appUnknown:
		a.kind, a.probe = appNone, [3][]byte{}
		t.protoFailed(f)
	case appTLS, appSSH:
		a.kind, a.probe = appNone, [3][]byte{}
	case appDCERPC:
		// Suricata's DCERPC parser fails on a gap: the flow is not parsed
		// further
		a.kind, a.dcerpc = appNone, nil
		t.chargeApp(f)
	case appHTTP:
		if a.http.Gap(d, n) != nil {
			t.stats.ParseErrors++
		}
	case appDNS:
		a.dns[d].Reset()
	case appSMTP:
		a.smtp.Gap(d == inspect.ToServer, n)
		t.chargeApp(f)
	case appFTP, appFTPData:
		// Suricata's FTP parsers fail on a gap: the flow is not parsed
		// further
		a.kind = appNone
	case appPOP3:
		a.pop3.Gap(d == inspect.ToServer)
		t.chargeApp(f)
	}
}

func (t *Tracker) appEnd(f *flowState, d inspect.Dir) {
	if f.app.kind == appHTTP {
		f.app.http.End(d)
	}
	if f.app.kind == appFTPData {
		t.ftpDataEnd(f, d, false)
	}
	f.app.frames[d].check(true)
}

// udpDetect picks a UDP flow's app-layer protocol on its first packet,
// before the packet is inspected (as Suricata's flow worker does), so that
// an app-layer rule on the payload (alert dns ... content) sees it. DNS is
// the only UDP protocol; Suricata probes for it on its detection port
// (53) only, so a DNS-like datagram on another port (NetBIOS name
// service on 137) fails detection.
func (t *Tracker) udpDetect(f *flowState, d inspect.Dir, p *inspect.Packet) {
	if f.app.kind == appUnknown {
		if p.Sport == portDNS || p.Dport == portDNS {
			t.setApp(f, appDNS)
		} else {
			t.setApp(f, appNone)
		}
	}
	if f.AppDir[d] == "" {
		name := f.App
		if f.app.kind == appNone {
			name = appFailed
		}
		t.protoDetected(f, d, name)
	}
}

// udpPacket parses the packet's app-layer message.
func (t *Tracker) udpPacket(f *flowState, d inspect.Dir, p *inspect.Packet) {
	if f.app.kind == appDNS && len(p.Payload) > 0 {
		f.app.frames[d].datagram(p.Payload, func() { t.dnsFramed(f, d, p.Payload, 0) })
	}
}

// dnsMessage parses a DNS message and emits its units; it reports
// whether the message parsed. Each message is a transaction, as in
// Suricata 8; a message to the server with the QR bit set is not a
// request and is not parsed.
func (t *Tracker) dnsMessage(f *flowState, d inspect.Dir, msg []byte) bool {
	m, err := t.dns.Decode(msg)
	if err != nil || d == inspect.ToServer && m.Response {
		t.stats.ParseErrors++
		return false
	}
	t.stats.DNSMessages++
	f.txSeq++
	tx := f.txSeq
	configTx := f.app.dnsConfigTx(m, d, tx)
	var first *inspect.Unit
	m.Units(d, tx-1, func(u *inspect.Unit) {
		base := t.plainUnit(f, inspect.KindApp, d)
		u.TS, u.Flow, u.Packet, u.Tx, u.ConfigTx = base.TS, base.Flow, base.Packet, tx, configTx
		if f.Proto == 17 && u.Packet != nil {
			// a rule's payload matchers inspect the packet the
			// transaction came in, as Suricata's on a UDP packet
			u.SetBuffer("payload", u.Packet.Payload)
		}
		if first == nil {
			first = u
		}
		t.send(u)
	})
	response, cfg := d == inspect.ToClient, t.cfg.DNSLog
	records := m.RecordsV2(tx-1, response, cfg)
	if cfg.Version != 2 {
		records = nil
		if r := m.RecordV3(tx-1, response, cfg); r != nil {
			records = append(records, r)
		}
	}
	for _, r := range records {
		u := *first
		u.Fields = map[string]map[string]any{"dns": r}
		t.record(&u)
	}
	return true
}

// dnsFramed parses a DNS message marked as a pdu frame at offset off,
// the frame carrying the message's transaction once it parsed.
func (t *Tracker) dnsFramed(f *flowState, d inspect.Dir, msg []byte, off uint64) {
	a := &f.app
	fd := a.frames[d]
	id := fd.markPDU(off, len(msg))
	if t.dnsMessage(f, d, msg) {
		a.dnsMsgs++
		fd.SetTx(id, a.dnsMsgs)
	}
}

// maxHTTPOpen bounds the transactions per flow awaiting their response
// for the EVE http record; past it the oldest is written as it is.
const maxHTTPOpen = 64

// httpRecord writes a transaction's http record once its response is
// complete; until then it keeps the transaction's furthest unit (a
// response's without request has its request reported after it), so a
// transaction the flow ends without answering is written at the end.
func (t *Tracker) httpRecord(f *flowState, u *inspect.Unit) {
	a := &f.app
	if u.Stage != inspect.ResponseBody {
		for i, o := range a.httpOpen {
			if o.Tx == u.Tx {
				if u.Stage > o.Stage {
					a.httpOpen[i] = u
				}
				return
			}
		}
		if len(a.httpOpen) >= maxHTTPOpen {
			t.record(a.httpOpen[0])
			a.httpOpen = a.httpOpen[1:]
		}
		a.httpOpen = append(a.httpOpen, u)
		return
	}
	for i, o := range a.httpOpen {
		if o.Tx == u.Tx {
			a.httpOpen = append(a.httpOpen[:i], a.httpOpen[i+1:]...)
			break
		}
	}
	a.httpDone, a.httpDoneTx = u.Sections(), u.Tx
	t.record(u)
}

// tlsClient reads the client's stream: its hello gives a unit inspected
// when the server answered (tlsPacket; in IPS mode at once), and its
// certificate, when the
// server asked for one, ends the handshake.
func (t *Tracker) tlsClient(f *flowState, b []byte) {
	a := &f.app
	h, err := a.tls.Feed(b)
	if err != nil {
		t.stats.ParseErrors++
	}
	if !t.chargeApp(f) {
		a.tls.Stop()
		t.chargeApp(f)
	}
	if h != nil {
		t.stats.TLSHellos++
		u := t.unit(f, inspect.KindApp, inspect.ToServer)
		u.Tx = t.tlsTxID(f)
		h.Fill(u)
		a.tlsHello, a.tlsPending = h, u
		if t.cfg.IPS {
			// inline, Suricata parses the hello with its packet and
			// inspects it there
			t.tlsHelloUnit(f)
		}
	}
}

// tlsServer reads the server's handshake; once its cleartext part is read
// it emits the hello's unit if it still waits, then a unit carrying the
// server's buffers and the hello's (for transactional rules).
func (t *Tracker) tlsServer(f *flowState, b []byte) {
	a := &f.app
	sh := a.tlsServer.Feed(b)
	if sh == nil {
		return
	}
	a.tlsSH = sh
	if a.tlsPending != nil {
		// the client's side of the transaction is inspected first
		t.tlsHelloUnit(f)
	}
	u := t.unit(f, inspect.KindApp, inspect.ToClient)
	u.Tx = t.tlsTxID(f)
	sh.Fill(u)
	if a.tlsHello != nil {
		a.tlsHello.FillPeer(u)
	}
	u.Events = a.tlsEvents[inspect.ToClient].Names()
	u.Fields = t.tlsFields(f)
	t.send(u)
}

// tlsProgress follows the handshake's progress after a direction's bytes
// were parsed, as Suricata's TLS parser: a side's handshake is done at
// its application data (the client's early data before the server's
// hello aside) or the client's ChangeCipherSpec, both are once the
// server's certificate was read (the client's, when the server asked for
// it). The flow's tls record is written on the packet where both are:
// in IDS mode, where Suricata parses a direction's data once the other
// side acknowledged it, the other side's next packet.
func (t *Tracker) tlsProgress(f *flowState, d inspect.Dir, types tls.RecordTypes) {
	a := &f.app
	if types.Has(tls.ContentApplicationData) && !(d == inspect.ToServer && a.tlsHello != nil && a.tlsHello.EarlyData && a.tlsSH == nil) {
		a.tlsHSDone[d] = true
	}
	if d == inspect.ToServer && types.Has(tls.ContentChangeCipherSpec) {
		a.tlsHSDone[d] = true
	}
	if sh := a.tlsSH; sh != nil && (!sh.CertRequest && sh.Leaf != nil || sh.CertRequest && a.tlsHello != nil && a.tlsHello.Cert != nil) {
		a.tlsHSDone[inspect.ToServer], a.tlsHSDone[inspect.ToClient] = true, true
	}
	if a.tlsLogged || a.tlsDue != 0 || !a.tlsHSDone[inspect.ToServer] || !a.tlsHSDone[inspect.ToClient] {
		return
	}
	if t.cfg.IPS {
		t.tlsRecord(f)
		return
	}
	a.tlsDue = other(d)
}

// tlsEncryption applies the encryption handling at a direction's first
// application data record (TLS 1.3 early data before the server's hello
// aside, as Suricata).
func (t *Tracker) tlsEncryption(f *flowState, d inspect.Dir, types tls.RecordTypes) {
	a := &f.app
	if t.cfg.TLSEncryption == Full || f.NoPayload || !types.Has(tls.ContentApplicationData) {
		return
	}
	if d == inspect.ToServer && a.tlsHello != nil && a.tlsHello.EarlyData && a.tlsSH == nil {
		return
	}
	t.encrypted(f, t.cfg.TLSEncryption)
}

// encrypted applies an encryption handling to a flow whose encrypted
// data started (TLS application data, SSH after both sides' NEWKEYS):
// its payload is no longer inspected (track-only, bypass) and the flow is
// bypassed (bypass); the stream bytes held so far are inspected first.
func (t *Tracker) encrypted(f *flowState, mode Encryption) {
	if mode == Full || f.NoPayload {
		return
	}
	t.stats.Encrypted++
	if f.tcp != nil {
		t.flushChunk(f, inspect.ToServer)
		t.flushChunk(f, inspect.ToClient)
	}
	f.NoPayload = true
	f.Bypassed = f.Bypassed || mode == Bypass
}

// tlsPacket inspects the hello's unit on the client's first packet after
// the server answered.
func (t *Tracker) tlsPacket(f *flowState, d inspect.Dir) {
	a := &f.app
	if a.tlsDue == d && !a.tlsLogged {
		t.tlsRecord(f)
	}
	switch {
	case a.tlsPending == nil:
	case d == inspect.ToClient:
		a.tlsAnswered = true
	case a.tlsAnswered:
		t.tlsHelloUnit(f)
	}
}

// tlsHelloUnit sends the hello's pending unit with the handshake's
// fields as they are now.
func (t *Tracker) tlsHelloUnit(f *flowState) {
	a := &f.app
	u := a.tlsPending
	a.tlsPending, a.tlsAnswered = nil, false
	u.TS, u.Packet = t.now, nil
	if f == t.curFlow {
		u.TS, u.Packet = t.cur.TS, t.cur
	}
	u.Events = a.tlsEvents[inspect.ToServer].Names()
	u.Fields = t.tlsFields(f)
	t.send(u)
}

// tlsFields are the EVE sections of a TLS unit, for its alerts: the
// flow's handshake so far (the server's from its hello on), with
// Suricata's extended fields.
func (t *Tracker) tlsFields(f *flowState) map[string]map[string]any {
	opts := tls.Options{JA3: t.cfg.JA3 == On}
	sh := f.app.tlsSH
	if sh == nil {
		sh = f.app.tlsServer.Hello()
	}
	return map[string]map[string]any{"tls": tls.Record(f.app.tlsHello, sh, tls.ExtendedFields, opts)}
}

// tlsRecord writes the flow's tls record, with the fields its log
// configuration takes, when Suricata would write one (tls.Loggable); it
// is decided once.
func (t *Tracker) tlsRecord(f *flowState) {
	a := &f.app
	a.tlsLogged = true
	if !tls.Loggable(a.tlsHello, a.tlsSH, t.cfg.TLSLog) {
		return
	}
	u := t.plainUnit(f, inspect.KindApp, inspect.ToServer)
	u.Tx = t.tlsTxID(f)
	opts := tls.Options{JA3: t.cfg.JA3 == On}
	u.Fields = map[string]map[string]any{"tls": tls.Record(a.tlsHello, a.tlsSH, t.cfg.TLSLog.Fields, opts)}
	t.record(u)
}

// flushRecords writes the records of transactions left open at the end
// of the flow.
func (t *Tracker) flushRecords(f *flowState) {
	a := &f.app
	if a.tlsPending != nil {
		t.tlsHelloUnit(f)
	}
	if !a.tlsLogged && (a.tlsHello != nil || a.tlsSH != nil) {
		t.tlsRecord(f)
	}
	for _, u := range a.httpOpen {
		// logged at the flow's end, not with the packet that last
		// touched the transaction
		u.Packet = nil
		if f == t.curFlow {
			u.Packet = t.cur
		}
		t.record(u)
	}
	a.httpOpen = nil
	if a.smtp != nil {
		if tx := a.smtp.Tx(); tx != nil {
			t.smtpFiles(f, tx, smtp.Record(a.smtp, tx), true)
		}
	}
	for _, u := range a.smtpOpen {
		t.record(u)
	}
	a.smtpOpen = nil
	t.ftpFlush(f)
	t.pop3End(f)
	t.http2End(f)
	if a.ftpData != nil {
		t.ftpDataEnd(f, a.ftpData.dir, true)
	}
}

// maxDNSQueries bounds the requests per flow remembered for their
// response's config.
const maxDNSQueries = 256

// dnsConfigTx remembers a request's transaction by its DNS id and
// returns, for a response, the transaction of its request, or 0.
func (a *appState) dnsConfigTx(m *dns.Message, d inspect.Dir, tx uint64) uint64 {
	if d == inspect.ToClient {
		req := a.dnsQueries[m.ID]
		delete(a.dnsQueries, m.ID)
		return req
	}
	if a.dnsQueries == nil || len(a.dnsQueries) >= maxDNSQueries {
		a.dnsQueries = map[uint16]uint64{}
	}
	a.dnsQueries[m.ID] = tx
	return 0
}

// chargeApp charges what the flow's TLS, SSH and DNS readers hold now to the
// stream memcap (Suricata's stream.memcap counts the stream bytes an
// app-layer parser has not consumed). It reports false, charging nothing
// more, when the memcap refuses: the caller drops the partial message.
func (t *Tracker) chargeApp(f *flowState) bool {
	a := &f.app
	held := a.tls.Held() + a.tlsCheck.Held() + a.dns[inspect.ToServer].Held() + a.dns[inspect.ToClient].Held() +
		a.ssh[inspect.ToServer].Held() + a.ssh[inspect.ToClient].Held() +
		a.frames[inspect.ToServer].held() + a.frames[inspect.ToClient].held()
	if a.dcerpc != nil {
		held += a.dcerpc.Held()
	}
	if a.smtp != nil {
		held += a.smtp.Held()
	}
	if a.ftp != nil {
		held += a.ftp.Held()
	}
	if a.pop3 != nil {
		held += a.pop3.Held()
	}
	if a.http2 != nil {
		held += a.http2.p.Held()
	}
	if a.ftpData != nil {
		held += cap(a.ftpData.data)
	}
	if grow := held - a.held; grow > 0 && t.streamMem+grow > t.cfg.StreamMemcap {
		t.streamHits++
		return false
	}
	t.streamMem += held - a.held
	a.held = held
	return true
}
