//! The compiled form of a formula: instructions ([`Op`]) for a small stack machine, the
//! evaluator ([`run`]), and the checks that decoded code is safe to run.

use super::arith::{apply, clamp3, max2, min2, round_to};
use super::{BinOp, STACK_LIMIT};

/// One instruction of the stack machine. Slots are resolved at compile time, so evaluation
/// does no look-ups by name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Op {
    Const(f64),
    Input(u32),
    /// A series at the current step.
    Cur(u32),
    /// A series at the previous step (the current step at step 0).
    Prev(u32),
    /// A series at a fixed step.
    At(u32, u32),
    Total(u32),
    Mean(u32),
    Year,
    Step,
    Neg,
    Bin(BinOp),
    Min,
    Max,
    Round,
    RoundTo,
    Floor,
    Ceil,
    Abs,
    Clamp,
    /// Pop; jump to the instruction (counted from the formula's start) when it is 0.
    JumpIfZero(u32),
    Jump(u32),
}

impl BinOp {
    const ALL: [BinOp; 11] = [
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::Div,
        BinOp::Pow,
        BinOp::Lt,
        BinOp::Le,
        BinOp::Gt,
        BinOp::Ge,
        BinOp::Eq,
        BinOp::Ne,
    ];
}

impl Op {
    /// The instruction as three numbers: a tag and two operands (see [`Op::decode`]).
    pub(crate) fn encode(self) -> [f64; 3] {
        let n = |x: u32| f64::from(x);
        match self {
            Op::Const(v) => [0.0, v, 0.0],
            Op::Input(i) => [1.0, n(i), 0.0],
            Op::Cur(s) => [2.0, n(s), 0.0],
            Op::Prev(s) => [3.0, n(s), 0.0],
            Op::At(s, k) => [4.0, n(s), n(k)],
            Op::Total(s) => [5.0, n(s), 0.0],
            Op::Mean(s) => [6.0, n(s), 0.0],
            Op::Year => [7.0, 0.0, 0.0],
            Op::Step => [8.0, 0.0, 0.0],
            Op::Neg => [9.0, 0.0, 0.0],
            Op::Bin(b) => [
                10.0,
                BinOp::ALL.iter().position(|x| *x == b).unwrap_or(0) as f64,
                0.0,
            ],
            Op::Min => [11.0, 0.0, 0.0],
            Op::Max => [12.0, 0.0, 0.0],
            Op::Round => [13.0, 0.0, 0.0],
            Op::RoundTo => [14.0, 0.0, 0.0],
            Op::Floor => [15.0, 0.0, 0.0],
            Op::Ceil => [16.0, 0.0, 0.0],
            Op::Abs => [17.0, 0.0, 0.0],
            Op::Clamp => [18.0, 0.0, 0.0],
            Op::JumpIfZero(to) => [19.0, n(to), 0.0],
            Op::Jump(to) => [20.0, n(to), 0.0],
        }
    }

    /// The instruction [`Op::encode`] wrote; `None` for anything else.
    pub(crate) fn decode(w: [f64; 3]) -> Option<Op> {
        let n = |x: f64| -> Option<u32> {
            (x >= 0.0 && x <= f64::from(u32::MAX) && x.fract() == 0.0).then_some(x as u32)
        };
        Some(match w[0] as u32 {
            _ if w[0].fract() != 0.0 => return None,
            0 => Op::Const(w[1]),
            1 => Op::Input(n(w[1])?),
            2 => Op::Cur(n(w[1])?),
            3 => Op::Prev(n(w[1])?),
            4 => Op::At(n(w[1])?, n(w[2])?),
            5 => Op::Total(n(w[1])?),
            6 => Op::Mean(n(w[1])?),
            7 => Op::Year,
            8 => Op::Step,
            9 => Op::Neg,
            10 => Op::Bin(*BinOp::ALL.get(n(w[1])? as usize)?),
            11 => Op::Min,
            12 => Op::Max,
            13 => Op::Round,
            14 => Op::RoundTo,
            15 => Op::Floor,
            16 => Op::Ceil,
            17 => Op::Abs,
            18 => Op::Clamp,
            19 => Op::JumpIfZero(n(w[1])?),
            20 => Op::Jump(n(w[1])?),
            _ => return None,
        })
    }
}

/// What compiled code reads from while running.
#[derive(Debug)]
pub(crate) struct Env<'a> {
    pub inputs: &'a [f64],
    /// Used for any input missing from `inputs`.
    pub defaults: &'a [f64],
    pub series: &'a [Vec<f64>],
    pub t: usize,
    pub year: f64,
}

impl Env<'_> {
    fn series_at(&self, s: u32, t: usize) -> f64 {
        self.series
            .get(s as usize)
            .and_then(|v| v.get(t))
            .copied()
            .unwrap_or(f64::NAN)
    }
}

/// Run one formula's code.
pub(crate) fn run(code: &[Op], env: &Env<'_>) -> f64 {
    let mut stack = [0.0f64; STACK_LIMIT];
    let mut sp = 0usize;
    let mut pc = 0usize;
    macro_rules! push {
        ($v:expr) => {{
            let v = $v;
            stack[sp] = v;
            sp += 1;
        }};
    }
    macro_rules! unary {
        ($f:expr) => {{
            let f = $f;
            stack[sp - 1] = f(stack[sp - 1]);
        }};
    }
    macro_rules! binary {
        ($f:expr) => {{
            let f = $f;
            sp -= 1;
            stack[sp - 1] = f(stack[sp - 1], stack[sp]);
        }};
    }
    while let Some(&op) = code.get(pc) {
        pc += 1;
        match op {
            Op::Const(v) => push!(v),
            Op::Input(i) => push!(
                env.inputs
                    .get(i as usize)
                    .or_else(|| env.defaults.get(i as usize))
                    .copied()
                    .unwrap_or(f64::NAN)
            ),
            Op::Cur(s) => push!(env.series_at(s, env.t)),
            Op::Prev(s) => push!(env.series_at(s, env.t.saturating_sub(1))),
            Op::At(s, k) => push!(env.series_at(s, k as usize)),
            Op::Total(s) => push!(
                env.series
                    .get(s as usize)
                    .map_or(f64::NAN, |v| v.iter().sum::<f64>())
            ),
            Op::Mean(s) => push!(
                env.series
                    .get(s as usize)
                    .map_or(f64::NAN, |v| { v.iter().sum::<f64>() / v.len() as f64 })
            ),
            Op::Year => push!(env.year),
            Op::Step => push!(env.t as f64),
            Op::Neg => unary!(std::ops::Neg::neg),
            Op::Bin(o) => {
                sp -= 1;
                stack[sp - 1] = apply(o, stack[sp - 1], stack[sp]);
            }
            Op::Min => binary!(min2),
            Op::Max => binary!(max2),
            Op::Round => unary!(f64::round),
            Op::RoundTo => binary!(round_to),
            Op::Floor => unary!(f64::floor),
            Op::Ceil => unary!(f64::ceil),
            Op::Abs => unary!(f64::abs),
            Op::Clamp => {
                sp -= 2;
                stack[sp - 1] = clamp3(stack[sp - 1], stack[sp], stack[sp + 1]);
            }
            Op::JumpIfZero(to) => {
                sp -= 1;
                if stack[sp] == 0.0 {
                    pc = to as usize;
                }
            }
            Op::Jump(to) => pc = to as usize,
        }
    }
    if sp == 0 { f64::NAN } else { stack[0] }
}

/// Is `ops` code the evaluator can run safely: every instruction finds its operands on the
/// stack, the stack stays within [`STACK_LIMIT`], and jumps go forward inside the code?
/// (Code from the compiler always is; this guards code read back with [`Op::decode`].)
pub(crate) fn runnable(ops: &[Op]) -> bool {
    // The stack depth on arrival at each instruction (and at the end), which must be the same
    // whichever way the code gets there.
    let mut depth_at: Vec<Option<usize>> = vec![None; ops.len() + 1];
    depth_at[0] = Some(0);
    let arrive = |at: usize, depth: usize, depth_at: &mut Vec<Option<usize>>| -> bool {
        match depth_at.get(at) {
            Some(None) => {
                depth_at[at] = Some(depth);
                true
            }
            Some(Some(d)) => *d == depth,
            None => false,
        }
    };
    // Jumps only go forward, so one pass in order sees every way into an instruction first.
    for pc in 0..ops.len() {
        let Some(depth) = depth_at[pc] else {
            continue; // unreachable
        };
        let op = ops[pc];
        let (needs, gives) = match op {
            Op::Const(_)
            | Op::Input(_)
            | Op::Cur(_)
            | Op::Prev(_)
            | Op::At(..)
            | Op::Total(_)
            | Op::Mean(_)
            | Op::Year
            | Op::Step => (0, 1),
            Op::Neg | Op::Round | Op::Floor | Op::Ceil | Op::Abs => (1, 1),
            Op::Bin(_) | Op::Min | Op::Max | Op::RoundTo => (2, 1),
            Op::Clamp => (3, 1),
            Op::JumpIfZero(_) => (1, 0),
            Op::Jump(_) => (0, 0),
        };
        if depth < needs {
            return false;
        }
        let after = depth - needs + gives;
        if after >= STACK_LIMIT {
            return false;
        }
        let ok = match op {
            Op::JumpIfZero(to) => {
                to as usize > pc
                    && arrive(to as usize, after, &mut depth_at)
                    && arrive(pc + 1, after, &mut depth_at)
            }
            Op::Jump(to) => to as usize > pc && arrive(to as usize, after, &mut depth_at),
            _ => arrive(pc + 1, after, &mut depth_at),
        };
        if !ok {
            return false;
        }
    }
    true
}

/// The deepest the stack gets when running `ops`.
pub(super) fn stack_needed(ops: &[Op]) -> usize {
    let mut depth: isize = 0;
    let mut most: isize = 0;
    for op in ops {
        depth += match op {
            Op::Const(_)
            | Op::Input(_)
            | Op::Cur(_)
            | Op::Prev(_)
            | Op::At(..)
            | Op::Total(_)
            | Op::Mean(_)
            | Op::Year
            | Op::Step => 1,
            Op::Neg | Op::Round | Op::Floor | Op::Ceil | Op::Abs => 0,
            Op::Bin(_) | Op::Min | Op::Max | Op::RoundTo | Op::JumpIfZero(_) => -1,
            Op::Clamp => -2,
            // The `then` branch's value is not on the stack where the `else` branch starts.
            Op::Jump(_) => -1,
        };
        most = most.max(depth);
    }
    most.max(0) as usize
}
