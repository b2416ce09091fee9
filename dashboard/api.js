/**
 * `/dashboard/assets/api.js`: the page's calls to the API with the signed-in user's token. A
 * refusal arrives as the API's problem detail (RFC 9457), which the page shows as it is: its
 * status, title and detail.
 */
/** A refusal of the API: its HTTP status and problem detail ({ type, title, status, detail, errors? }). */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}

/** Shows a refusal in an alert region: "409 Slot taken", then the detail and the fields at fault. */
export function showProblem(region, error) {
  region.replaceChildren();
  if (!error) return;
  var problem = error instanceof ApiProblem ? error.problem : { title: 'The request failed', detail: error.message };
  var title = document.createElement('div');
  title.className = 'problem-title';
  title.textContent = (error.status ? error.status + ' ' : '') + (problem.title || 'Refused');
  region.append(title);
  if (problem.detail) {
    var detail = document.createElement('div');
    detail.className = 'problem-detail';
    detail.textContent = problem.detail;
    region.append(detail);
  }
  (problem.errors || []).forEach(function (fieldError) {
    var line = document.createElement('div');
    line.textContent = fieldError.message;
    region.append(line);
  });
}

/**
 * The API as the signed-in user: request(method, path, { body, headers }) answers
 * { body, headers } or throws an ApiProblem. A 401 tells the session which token was refused;
 * when it has a newer one (its one refresh), the request is sent once more with it, never again.
 */
export function createApi(session) {
  function send(method, path, options, retried) {
    var sent;
    return session.accessToken().then(function (token) {
      sent = token;
      var headers = Object.assign({ authorization: 'Bearer ' + token }, options.headers || {});
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      return fetch(path, { method: method, headers: headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    }).then(function (response) {
      return response.text().then(function (text) {
        var body = text ? JSON.parse(text) : undefined;
        if (response.ok) return { body: body, headers: response.headers };
        var problem = new ApiProblem(response.status, body && typeof body === 'object' ? body : { title: response.statusText });
        if (response.status !== 401) throw problem;
        return session.refused(sent, body && body.detail).then(function (again) {
          if (again && !retried) return send(method, path, options, true);
          throw problem;
        });
      });
    });
  }
  return function request(method, path, options) {
    return send(method, path, options || {}, false);
  };
}
