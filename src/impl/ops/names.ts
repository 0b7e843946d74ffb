/**
 * What a function's name says about it. Names only help: behaviour decides what an op is,
 * except that a derivative is paired with its forward by name when the names pair up.
 */

const norm = (s: string) => s.toLowerCase().replace(/_/g, '');

// reluGrad, relu_grad, relu_derivative, relu_deriv, relu_prime, sigmoidGradient, relu_backward, reluPrime
const DERIVATIVE_SUFFIX = /(?:_?(?:grad(?:ient)?|deriv(?:ative)?|prime|backward|back|diff|der))$/i;
// d_relu, drelu, dsigmoid, derivative_of_relu, grad_relu
const DERIVATIVE_PREFIX = /^(?:d_?|deriv(?:ative)?_?(?:of_?)?|grad_?(?:of_?)?)(?=[a-z])/i;

const KNOWN_FORWARDS = [
  'sigmoid',
  'logistic',
  'tanh',
  'relu',
  'leakyrelu',
  'lrelu',
  'softplus',
  'elu',
  'activation',
  'act',
  'f',
  'g',
];

/**
 * The forward a derivative's name points at ("reluGrad" → "relu", "dsigmoid" → "sigmoid"),
 * or undefined when the name does not read as a derivative.
 */
export function derivativeBase(name: string, forwards: readonly string[]): string | undefined {
  // The base must be a forward in the file or a known one: "header" is not the derivative of "hea".
  const known = (base: string) =>
    base.length > 0 && (forwards.some((f) => norm(f) === norm(base)) || KNOWN_FORWARDS.includes(norm(base)));
  const suffixed = name.replace(DERIVATIVE_SUFFIX, '');
  if (suffixed !== name && known(suffixed)) return suffixed;
  const m = DERIVATIVE_PREFIX.exec(name);
  if (m && known(name.slice(m[0].length))) return name.slice(m[0].length);
  return undefined;
}

/** Does `forward` match the base a derivative's name points at (case and underscores ignored)? */
export const sameOp = (base: string, forward: string): boolean => norm(base) === norm(forward);

const LABEL_NAMES =
  /^(?:y|t|labels?|targets?|y_?true|ytrue|truth|one_?hot|gt|y_?batch|yb|y_?onehot|true_?labels?|classes)$/i;

/** Does this parameter name read as labels (y, Y, labels, target...)? */
export const isLabelName = (p: string): boolean => LABEL_NAMES.test(p);

const LAMBDA_NAMES = /^(?:lam|lamb|lambd|lambda_?|lmbda|lmbd|reg|l2|alpha|weight_?decay|wd|penalty)$/i;
const PARAMS_NAMES = /^(?:params?|parameters|weights?|w|ws|thetas?|nn_?params|model)$/i;

/** How a cost's extra parameters read: a regularisation strength, the parameters, or neither. */
export function extraParamRole(p: string): 'lambda' | 'params' | undefined {
  if (LAMBDA_NAMES.test(p)) return 'lambda';
  if (PARAMS_NAMES.test(p)) return 'params';
  return undefined;
}

// Words an activation's name is made of: "stable_sigmoid", "leakyRelu", "relu6", "tanh_act", "hidden".
const ACTIVATION_WORDS = new Set(
  [
    ['sigmoid', 'sigm', 'sig', 'logistic', 'tanh', 'relu', 'lrelu', 'leaky', 'leakyrelu', 'elu', 'selu', 'gelu'],
    ['silu', 'swish', 'mish', 'softplus', 'softsign', 'hardtanh', 'step', 'heaviside', 'identity', 'linear'],
    ['activation', 'activate', 'act', 'nonlinearity', 'nonlin', 'transfer', 'squash', 'hidden', 'phi'],
  ].flat(),
);

/**
 * Does a function's name say it is an activation? Read word by word (snake_case, camelCase,
 * digits), so "helper" does not read as "elu" nor "factor" as "act".
 */
export function namedAsActivation(name: string): boolean {
  const words = name
    .replace(/([a-z])(?=[A-Z][a-z])/g, '$1_')
    .toLowerCase()
    .split(/[^a-z]+/);
  return words.some((w) => ACTIVATION_WORDS.has(w));
}

/** Names of functions never probed: calling them would load, train, plot or write. */
export const NEVER_PROBE = new RegExp(
  [
    ['train', 'fit', 'load', 'read', 'save', 'plot', 'show', 'main', 'download', 'fetch', 'print', 'write'],
    ['run', 'epoch', 'evaluate', 'predict', 'accuracy', 'init', 'shuffle', 'batch'],
  ]
    .flat()
    .join('|'),
  'i',
);
