package http

// Liftable reports whether the body stage st reported was kept past its
// body limit, so that Lift can inspect more of it.
func (tx *Tx) Liftable(st Stage) bool {
	switch st {
	case RequestBody:
		return tx.Request.full != nil
	case ResponseBody:
		return tx.Response.full != nil
	}
	return false
}

// Lift is a filestore rule matching the file of the body stage st
// reported (Suricata's filestore postmatch setting HTP_STREAM_DEPTH_SET
// on the transaction): the body is inspected, and its file tracked and
// hashed, up to Config.StoreDepth instead of the body limit. It is
// called while the stage is reported, before Fill is called again; it
// reports whether the body changed.
func (p *Parser) Lift(tx *Tx, st Stage) bool {
	if !tx.Liftable(st) {
		return false
	}
	if st == RequestBody {
		m := &tx.Request
		m.Body, m.full = m.full, nil
		// units share the lists (Fill): the body's buffers go to new ones
		tx.req, tx.reqFiles, tx.reqFile = tx.req[:tx.reqBodyAt:tx.reqBodyAt], nil, false
		tx.requestBodyBuffers(&p.cfg, p.cfg.StoreDepth)
		return true
	}
	m := &tx.Response
	m.Body, m.full = m.full, nil
	tx.resp, tx.respFiles, tx.respFile = tx.resp[:tx.respBodyAt:tx.respBodyAt], nil, false
	tx.responseBodyBuffers(&p.cfg, p.cfg.StoreDepth)
	return true
}
