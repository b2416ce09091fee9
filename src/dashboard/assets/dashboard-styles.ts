/**
 * The dashboard's stylesheet (`/dashboard/assets/dashboard.css`): a desk panel beside the
 * doctors' columns on a wide screen, above them on a tablet; controls at least 44 px high for
 * touch, a visible focus ring for the keyboard.
 */
export const DASHBOARD_STYLES = String.raw`
:root { font-family: system-ui, sans-serif; color: #1d2733; background: #f3f5f8; }
body { margin: 0; }
button, input, select, textarea { font: inherit; }
button, input:not([type=radio]), select { min-height: 2.75rem; }
button { border: 1px solid #4a78c2; background: #fff; color: #1f4d94; border-radius: .35rem; padding: 0 .9rem; cursor: pointer; }
button.primary { background: #1f4d94; color: #fff; }
button.danger { border-color: #b0322d; color: #8a1f1b; }
button:disabled { opacity: .5; cursor: default; }
:focus-visible { outline: 3px solid #e0a100; outline-offset: 2px; }
header { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: center; padding: .5rem 1rem; background: #fff; border-bottom: 1px solid #d9dee5; }
header h1 { font-size: 1.1rem; margin: 0 auto 0 0; }
#zone, #signed-in-as { font-size: .8rem; color: #5b6776; }
#connection { font-size: .85rem; padding: .2rem .6rem; border-radius: 1rem; background: #e4e7eb; }
#connection[data-state="live"] { background: #d3f2dc; color: #12632f; }
#connection[data-state="reconnecting"] { background: #fff1c2; color: #7a5b00; }
#connection[data-state="offline"] { background: #f9d6d5; color: #8a1f1b; }
#signin { max-width: 32rem; margin: 4rem auto; background: #fff; padding: 1.5rem; border-radius: .5rem; }
#signin textarea { width: 100%; box-sizing: border-box; height: 6rem; font-family: monospace; }
#workspace { display: grid; grid-template-columns: minmax(19rem, 22rem) minmax(0, 1fr); align-items: start; }
@media (max-width: 1100px) { #workspace { grid-template-columns: 1fr; } }
#desk { background: #fff; margin: 1rem 0 1rem 1rem; padding: 1rem; border-radius: .5rem; min-width: 0; }
@media (max-width: 1100px) { #desk { margin: 1rem 1rem 0; } }
#desk h2, dialog h2 { font-size: 1rem; margin: 0; }
#booking { display: grid; gap: .6rem; min-width: 0; }
@media (max-width: 1100px) { #booking { grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); align-items: end; } #booking h2, #booking-slots, #booking-slots-hint, #booking-patients, #booking-problem, #booking-notice { grid-column: 1 / -1; } }
.field { display: grid; gap: .25rem; font-size: .9rem; min-width: 0; }
.field select, .field input, .field textarea { width: 100%; box-sizing: border-box; }
fieldset { border: 1px solid #d9dee5; border-radius: .35rem; margin: 0; padding: .5rem; display: grid; gap: .25rem; }
fieldset legend { font-size: .9rem; }
.choice { display: flex; align-items: center; gap: .5rem; min-height: 2.75rem; }
.choice input { width: 1.25rem; height: 1.25rem; }
.slots { display: grid; grid-template-columns: repeat(auto-fill, minmax(4.75rem, 1fr)); gap: .4rem; max-height: 20rem; overflow-y: auto; padding: 3px; }
.slots button { padding: 0 .3rem; }
.slots:empty { display: none; }
.slots button[aria-pressed="true"] { background: #1f4d94; color: #fff; }
.problem { background: #fbe3e2; border-left: .35rem solid #b0322d; padding: .5rem .65rem; border-radius: .35rem; }
.problem:empty, .notice:empty { display: none; }
.problem .problem-title { font-weight: 600; }
.notice { background: #dff3e5; border-left: .35rem solid #2d9a52; padding: .5rem .65rem; border-radius: .35rem; }
.hint { color: #5b6776; font-size: .85rem; margin: 0; }
#board { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(16rem, 1fr); gap: 1rem; padding: 1rem; overflow-x: auto; }
.column h2 { font-size: 1rem; margin: 0 0 .25rem; }
.column .specialty { font-size: .8rem; color: #5b6776; margin-bottom: .5rem; }
.card { background: #fff; border-left: .35rem solid #4a78c2; border-radius: .35rem; padding: .5rem .65rem; margin-bottom: .5rem; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.card .time { font-weight: 600; }
.card .status { float: right; font-size: .75rem; text-transform: uppercase; letter-spacing: .03em; }
.card .manage { margin-top: .4rem; width: 100%; }
.card[data-status="checked-in"] { border-color: #2d9a52; }
.card[data-status="fulfilled"] { border-color: #7a8796; opacity: .75; }
.card[data-status="cancelled"] { border-color: #c23b36; opacity: .6; }
.card[data-status="cancelled"] .time { text-decoration: line-through; }
.card[data-status="noshow"] { border-color: #d08a12; }
.card.hold { border: 1px dashed #8a6ad1; border-left: .35rem dashed #8a6ad1; background: #f7f3ff; box-shadow: none; font-style: italic; }
.card.hold .expiry { font-size: .8rem; color: #5b4a8a; }
.empty { color: #7a8796; font-size: .85rem; }
.block { background: repeating-linear-gradient(135deg, #eef0f3, #eef0f3 .5rem, #e2e6eb .5rem, #e2e6eb 1rem); border-left: .35rem solid #7a8796; border-radius: .35rem; padding: .5rem .65rem; margin-bottom: .5rem; }
.block .what { font-weight: 600; }
.block[data-kind="closure"] { border-color: #c23b36; }
.block[data-kind="room-block"] { border-color: #d08a12; }
#clinic-blocks { padding: 1rem 1rem 0; }
#board-problem { margin: 1rem 1rem 0; }
#clinic-blocks .block { display: inline-block; margin-right: .5rem; }
dialog { width: min(40rem, calc(100vw - 2rem)); border: none; border-radius: .5rem; padding: 1rem; box-shadow: 0 8px 32px rgba(0,0,0,.25); }
dialog::backdrop { background: rgba(20,30,40,.45); }
dialog .panel-head { display: flex; align-items: center; gap: 1rem; justify-content: space-between; }
dialog section { display: grid; gap: .5rem; margin-top: 1rem; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; }
#panel-history { margin: 0; padding-left: 1.2rem; font-size: .9rem; }
[hidden] { display: none !important; }
`;
