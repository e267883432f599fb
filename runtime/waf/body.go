package waf

import (
	"github.com/rulec/rulec/runtime/waf/bodyproc"
)

// WriteRequestBody buffers request body bytes, up to the body limit; it
// returns how many it kept. Past the limit, RejectLargeRequestBody in On
// mode interrupts with 413.
func (tx *Tx) WriteRequestBody(b []byte) int {
	if !tx.reqBodyAccess || tx.interruption != nil {
		return 0
	}
	room := tx.w.cfg.RequestBodyLimit - len(tx.reqBody)
	if len(b) > room {
		tx.reqBodyLimitHit = true
		if tx.w.cfg.RejectLargeRequestBody && tx.mode == On {
			tx.interruption = &Interruption{Action: "deny", Status: 413}
			return 0
		}
		b = b[:max(room, 0)]
	}
	tx.reqBody = append(tx.reqBody, b...)
	return len(b)
}

// ProcessRequestBody runs phase 1 if it has not run, the body processor
// REQBODY_PROCESSOR names on the buffered body, then phase 2. URLENCODED bodies, and any body when
// forceRequestBodyVariable is on, also fill REQUEST_BODY.
func (tx *Tx) ProcessRequestBody() *Interruption {
	tx.runPhase(1)
	if tx.interruption != nil {
		return tx.interruption
	}
	if tx.reqBodyAccess && tx.mode != Off {
		tx.reqBodySet = true
		if len(tx.reqBody) > 0 {
			tx.processBody()
		}
	}
	tx.runPhase(2)
	return tx.interruption
}

// processBody parses the buffered body; REQUEST_BODY, a copy, is made
// only when it is filled.
func (tx *Tx) processBody() {
	fill := false
	if proc := tx.reqBodyProcessor; proc != "" {
		p, ok := bodyproc.Lookup(proc)
		ct, _ := tx.reqHeaders.get("content-type")
		switch {
		case !ok:
			tx.reqBodyError = "unknown body processor " + proc
		default:
			if err := p(tx.reqBody, ct, (*bodySink)(tx)); err != nil {
				tx.reqBodyError = err.Error()
			}
		}
		fill = proc == "URLENCODED"
	}
	if fill || tx.forceReqBodyVar {
		tx.reqBodyVar, tx.reqBodyVarSet = string(tx.reqBody), true
	}
}

// bodySink is the transaction as a body processor's Sink.
type bodySink Tx

func (s *bodySink) tx() *Tx { return (*Tx)(s) }

func (s *bodySink) Arg(name, value string) { s.tx().addEntry(&s.argsPost, name, value) }

func (s *bodySink) XML(path, value string) { s.tx().addEntry(&s.xml, path, value) }

func (s *bodySink) File(field, name string, size int) {
	s.tx().addEntry(&s.files, field, name)
	s.tx().addEntry(&s.fileSizes, field, itoa(int64(size)))
	s.filesSize += size
}

func (s *bodySink) PartHeader(field, line string) { s.tx().addEntry(&s.partHeaders, field, line) }

func (s *bodySink) Flag(name string) { s.flags[name] = true }

func (s *bodySink) Limits() (int, int) { return s.w.cfg.ArgumentsLimit, s.w.cfg.JSONDepthLimit }
