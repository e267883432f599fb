package seclang

func init() { registerOp("ge", numericArg) }
