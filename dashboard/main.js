/**
 * `/dashboard/assets/main.js`: the page's start. It reads the clinic's day and how to sign in
 * (`GET /dashboard/config`), signs in, then opens the board, the booking form and the
 * appointment panel on the chosen day. While nobody picked another day, the board turns to the
 * next one at the clinic's midnight, by the server's clock.
 */
import { ApiProblem, createApi, showProblem } from './api.js';
import { createAppointmentPanel } from './appointment-panel.js';
import { createBoard } from './board.js';
import { createBooking } from './booking.js';
import { dateIn } from './clinic-time.js';
import { createSession } from './session.js';

var clinic = JSON.parse(document.getElementById('clinic').textContent);
var day = document.getElementById('day');
var signin = document.getElementById('signin');
var boardProblem = document.getElementById('board-problem');
// The server's clock against the browser's: "today" is the clinic's, whatever the browser's zone or clock.
var skew = clinic.now - Date.now();
var followingToday = true;
document.getElementById('zone').textContent = clinic.timezone;
function clinicToday() { return dateIn(new Date(Date.now() + skew).toISOString(), clinic.timezone); }

function setConnection(value) {
  var badge = document.getElementById('connection');
  badge.dataset.state = value;
  badge.textContent = value;
}
function showWork(signedIn) {
  signin.hidden = signedIn;
  document.getElementById('workspace').hidden = !signedIn;
  document.getElementById('signout').hidden = !signedIn;
  if (!signedIn) document.getElementById('clinic-blocks').hidden = true;
}

function start(config) {
  var board;
  var booking;
  var session = createSession(config, {
    opened: function (search) {
      var date = new URLSearchParams(search).get('date');
      followingToday = !date;
      day.value = date || clinic.today;
    },
    signedIn: function () {
      showWork(true);
      document.getElementById('signed-in-as').textContent = session.user() ? 'Signed in as ' + session.user() : '';
      showProblem(boardProblem, null);
      board.load().then(function () { booking.fill(); board.connect(); }, function (error) {
        // Signed in, but not as someone the front desk is for (a doctor, a patient): 403.
        if (error instanceof ApiProblem && error.status === 403) session.signOut('This account may not use the front desk: ' + error.message);
        else if (!(error instanceof ApiProblem && error.status === 401)) { setConnection('offline'); showProblem(boardProblem, error); }
      });
    },
    signedOut: function (message) {
      if (board) board.disconnect();
      showWork(false);
      document.getElementById('signed-in-as').textContent = '';
      document.getElementById('signin-error').textContent = message;
    },
  });
  var api = createApi(session);
  var panel;
  board = createBoard({ api: api, session: session, clinic: clinic, day: day, setConnection: setConnection, onManage: function (id) { panel.open(id); } });
  booking = createBooking({ api: api, board: board, day: day });
  panel = createAppointmentPanel({ api: api, board: board, day: day });

  var development = config.mode === 'development';
  document.getElementById('signin-development').hidden = !development;
  document.getElementById('signin-provider').hidden = development;
  document.getElementById('token').required = development;
  document.getElementById('signin-submit').textContent = development ? 'Open the dashboard' : "Sign in with the clinic's account";
  signin.addEventListener('submit', function (event) {
    event.preventDefault();
    document.getElementById('signin-error').textContent = '';
    if (development) session.signInWithToken(document.getElementById('token').value.trim());
    else session.signInWithProvider();
  });
  document.getElementById('signout').addEventListener('click', function () { session.signOutEverywhere(); });
  day.addEventListener('change', function () {
    followingToday = day.value === clinicToday();
    if (session.currentToken()) board.load();
  });
  // At the clinic's midnight a board left open on today turns to the new day.
  setInterval(function () {
    if (!followingToday || day.value === clinicToday()) return;
    day.value = clinicToday();
    if (session.currentToken()) board.load();
  }, 30000);

  return session.begin();
}

day.value = new URLSearchParams(location.search).get('date') || clinic.today;
fetch('/dashboard/config').then(function (response) {
  if (!response.ok) throw new Error('The sign-in is not available (' + response.status + ')');
  return response.json();
}).then(start).catch(function (error) {
  signin.hidden = false;
  document.getElementById('signin-error').textContent = error.message;
});
